"""Where a sentence puts things against its source (#19 wrong_level, paraphrase sets 2-3 as
development sets): a place relative to a landmark must be on the side of it the source gives
("distal to the scar" against "proximal to the scar"), and a nerve root must be one the source
names ("the L5 root" against "the S1 nerve root"), whether or not the spinal segment agrees."""

from __future__ import annotations

import pytest

from evals.checks.positions import landmark_problems, landmarks, root_problems, roots


@pytest.mark.parametrize(("said", "source", "wrong"), [
    ("The needle entered just distal to the wound.", "Needle placed proximal to the wound.",
     "below the wound, but the source says above the wound"),
    ("The needle entered just proximal to the wound.", "Needle placed above the wound.", None),
    ("Tenderness lay below the crease, at the fibular head.", "Tenderness above the crease.",
     "below the crease, but the source says above the crease"),
    ("The electrode sat at the level of the graft itself.", "Electrode proximal to the graft.",
     "at the graft, but the source says above the graft"),
    # another landmark: nothing to compare
    ("The block went in 6 cm below the fibular head.", "Block 6 cm above the ankle.", None),
])
def test_a_place_against_a_landmark(said, source, wrong):
    assert landmark_problems(said, source) == ([wrong] if wrong else [])


@pytest.mark.parametrize(("said", "source", "wrong"), [
    ("The herniation touches the exiting C5 root.", "Disc at C5-C6 contacting the C6 nerve root.",
     "C5 root but the source names C6 root"),
    ("The herniation touches the C6 nerve root.", "Disc at C5-C6 contacting the C6 root.", None),
    # a source naming no root leaves the sentence's alone
    ("The L4 root is compressed.", "Stenosis at L4-L5.", None),
])
def test_a_nerve_root_is_the_sources(said, source, wrong):
    # (and a medial branch or dorsal ramus, by its own levels: below)
    assert root_problems(said, source) == ([wrong] if wrong else [])


def test_positions_as_read():
    assert landmarks("8 cm above the lateral malleolus, distal to the scar") == \
        {("above", "malleolus"), ("below", "scar")}
    assert roots("the traversing right S1 nerve root and the L5 roots") == {"S1 root", "L5 root"}
    assert roots("the L3 and L4 medial branches and the L5 dorsal ramus") == \
        {"L3 medial branch", "L4 medial branch", "L5 dorsal ramus"}


@pytest.mark.parametrize(("said", "source", "wrong"), [
    ("The left biceps jerk was 1+ against 2+ on the right.",
     "Right biceps jerk 1+ against 2+ on the left.",
     "the left measured against the right, but the source measures the right against the left"),
    ("The left grip was about half that of the other side.", "Right grip about half of the left.",
     "the left measured against the right, but the source measures the right against the left"),
    ("The right grip was about half that of the other side.", "Right grip about half of the left.",
     None),
])
def test_two_sides_compared_the_sources_way_round(said, source, wrong):
    from evals.checks.positions import comparison_problems

    assert comparison_problems(said, source) == ([wrong] if wrong else [])


@pytest.mark.parametrize(("said", "source", "wrong"), [
    ("Ablation of the L3 and L4 medial branches and the L5 dorsal ramus.",
     "RFA of the L4 and L5 medial branches and the S1 dorsal ramus.",
     "L3 medial branch, L5 dorsal ramus but the source names L4 medial branch, L5 medial "
     "branch, S1 dorsal ramus"),
    # a joint's segments before "medial branch block" name no branch
    ("Blocks of the L4-L5 and L5-S1 medial branches were done.",
     "Blocks of the L3 and L4 medial branches and the L5 dorsal ramus.", None),
    ("Ablation of the L4 and L5 medial branches and the S1 dorsal ramus.",
     "RFA of the L4 and L5 medial branches and the S1 dorsal ramus.", None),
])
def test_medial_branches_and_rami_are_the_sources(said, source, wrong):
    found = root_problems(said, source)
    assert found[:1] == ([wrong] if wrong else []), found


@pytest.mark.parametrize(("said", "source", "wrong"), [
    ("The pump catheter tip sits at the lower thoracic level.",
     "Catheter tip planned at the upper thoracic level.",
     "lower thoracic, but the source says upper thoracic"),
    ("The pump catheter tip sits at the upper thoracic level.",
     "Catheter tip planned at the upper thoracic level.", None),
    ("Pain spread to the lower leg.", "Pain over the lumbar spine.", None),  # nothing to compare
])
def test_a_part_of_a_region_is_the_sources(said, source, wrong):
    from evals.checks.positions import qualifier_problems

    assert qualifier_problems(said, source) == ([wrong] if wrong else [])
