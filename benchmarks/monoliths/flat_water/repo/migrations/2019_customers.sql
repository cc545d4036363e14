-- one-off load from DOS extract (ran 2019-06)
INSERT INTO customers (customer_type, first_name, last_name, id_number, phone, mailing_address)
SELECT typ, fname, sname, idno, tel, addr FROM dos_import_cust;
