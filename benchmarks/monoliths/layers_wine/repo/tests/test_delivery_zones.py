from cellar.services.delivery_service import zone_for_postcode


def test_bristol():
    assert zone_for_postcode("BS1 4DJ") == "BRISTOL"


def test_unknown():
    assert zone_for_postcode("EH1 1AA") is None
