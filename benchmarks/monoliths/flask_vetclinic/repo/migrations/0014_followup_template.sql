-- 0014 post-op check template + vaccinations due view rewrite
INSERT INTO message_templates (code, channel, body)
    VALUES ('POSTOP_CHECK', 'sms', 'Hi {first_name}, how is {pet_name} doing after their procedure? Any worries call us on {phone}.');

DROP VIEW IF EXISTS v_vaccinations_due;
CREATE VIEW v_vaccinations_due AS
    SELECT v.id AS vaccination_id, v.pet_id, p.name AS pet_name, p.client_id,
           vt.name AS vaccine, v.due_on
      FROM vaccinations v
      JOIN pets p ON p.id = v.pet_id
      JOIN vaccine_types vt ON vt.id = v.vaccine_type_id
     WHERE p.deceased_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM vaccinations later
                        WHERE later.pet_id = v.pet_id
                          AND later.vaccine_type_id = v.vaccine_type_id
                          AND later.given_on > v.given_on);
