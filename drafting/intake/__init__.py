"""Record intake: clinical records (PDF, scanned PDF, DOCX, text) to a draft case file."""
