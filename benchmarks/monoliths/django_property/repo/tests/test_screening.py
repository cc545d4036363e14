from common.screening import score_to_decision


def test_evictions_always_decline(settings):
    settings.SCREENING_MIN_SCORE = 620
    assert score_to_decision(800, 1, False, 4) == "declined"


def test_good_score_and_income_approves(settings):
    settings.SCREENING_MIN_SCORE = 620
    assert score_to_decision(700, 0, False, 3.2) == "approved"
    assert score_to_decision(600, 0, False, 2.6) == "conditional"
