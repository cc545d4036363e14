import pytest

import edi

ISA = ('ISA*00*          *00*          *ZZ*GREENVALE      *ZZ*KESTRELSUPPLY  '
       '*120305*1012*U*00401*000000417*0*P*>~')
SAMPLE_850 = (ISA + 'GS*PO*GREENVALE*KESTRELSUPPLY*20120305*1012*417*X*004010~'
              'ST*850*0001~BEG*00*SA*GV88123**20120305~N1*ST*GREENVALE DEPOT 3*92*D03~'
              'PO1*1*24*CA*11.20**VN*KS-1044~CTT*1~SE*6*0001~GE*1*417~IEA*1*000000417~')


def test_split_segments():
    segs = edi.split_segments(SAMPLE_850)
    assert segs[0][0] == 'ISA'
    assert segs[-1][0] == 'IEA'


def test_parse_isa():
    env = edi.parse_isa(SAMPLE_850)
    assert env['sender'] == 'GREENVALE'
    assert env['doc_type'] == '850'
    assert env['control_no'] == '000000417'


def test_not_an_interchange():
    with pytest.raises(edi.X12Error):
        edi.split_segments('hello')
