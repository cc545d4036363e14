ALTER TABLE room_bookings ADD COLUMN fine_id INTEGER REFERENCES fines(id);
