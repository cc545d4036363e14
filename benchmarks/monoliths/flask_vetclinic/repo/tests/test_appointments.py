import datetime

import sqlstore as S


def _type(db, minutes=20):
    return db.insert("INSERT INTO appointment_types (code, label, minutes) VALUES ('STD', 'Standard consult', ?)", (minutes,))


def test_booking_uses_type_length(client_and_pet, fresh_db):
    t = _type(fresh_db)
    start = datetime.datetime(2031, 5, 6, 10, 0)
    appt = S.AppointmentStore.book(client_and_pet["pet_id"], t, start, client_and_pet["vet_id"])
    row = S.AppointmentStore.get(appt)
    assert str(row["ends_at"]).startswith("2031-05-06 10:20")
    assert row["client_id"] == client_and_pet["client_id"]


def test_clash_detection(client_and_pet, fresh_db):
    t = _type(fresh_db)
    start = datetime.datetime(2031, 5, 6, 10, 0)
    S.AppointmentStore.book(client_and_pet["pet_id"], t, start, client_and_pet["vet_id"])
    assert S.AppointmentStore.clashes(client_and_pet["vet_id"], start + datetime.timedelta(minutes=10),
                                      start + datetime.timedelta(minutes=30))
    assert not S.AppointmentStore.clashes(client_and_pet["vet_id"], start + datetime.timedelta(minutes=20),
                                          start + datetime.timedelta(minutes=40))


def test_status_changes_are_logged(client_and_pet, fresh_db):
    t = _type(fresh_db)
    appt = S.AppointmentStore.book(client_and_pet["pet_id"], t, datetime.datetime(2031, 5, 6, 11, 0))
    S.AppointmentStore.set_status(appt, "arrived")
    log = fresh_db.query("SELECT old_status, new_status FROM appointment_log WHERE appointment_id = ? ORDER BY id", (appt,))
    assert [(r["old_status"], r["new_status"]) for r in log] == [(None, "booked"), ("booked", "arrived")]
