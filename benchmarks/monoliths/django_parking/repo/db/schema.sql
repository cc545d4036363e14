-- cityparking schema (PostgreSQL). Generated from the Django models with
--   ./manage.py sqlmigrate ... | ./scripts/tidy_sql.py
-- Checked in for the DBAs and the reporting box. Do not edit by hand.
-- django contrib tables (auth_user, django_session, ...) are not listed here.

CREATE TABLE shared_publicholiday (
    id serial PRIMARY KEY,
    date date NOT NULL UNIQUE,
    name varchar(100) NOT NULL,
    charges_apply boolean NOT NULL
);

CREATE TABLE main_carpark (
    id serial PRIMARY KEY,
    code varchar(12) NOT NULL UNIQUE,
    name varchar(120) NOT NULL,
    kind varchar(10) NOT NULL,
    address text NOT NULL,
    postcode varchar(10) NOT NULL,
    latitude numeric(9, 6),
    longitude numeric(9, 6),
    capacity integer NOT NULL,
    is_open boolean NOT NULL,
    opening_hours varchar(200) NOT NULL,
    has_sensors boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

CREATE TABLE main_zone (
    id serial PRIMARY KEY,
    carpark_id integer,
    code varchar(10) NOT NULL UNIQUE,
    name varchar(120) NOT NULL,
    is_cpz boolean NOT NULL,
    controlled_from time,
    controlled_to time,
    ward varchar(60) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT main_zone_carpark_id_fk FOREIGN KEY (carpark_id) REFERENCES main_carpark (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_bay (
    id serial PRIMARY KEY,
    zone_id integer NOT NULL,
    carpark_id integer,
    number varchar(10) NOT NULL,
    bay_type varchar(4) NOT NULL,
    is_occupied boolean NOT NULL,
    occupied_since timestamp with time zone,
    suspended_until timestamp with time zone,
    suspension_reason varchar(200) NOT NULL,
    CONSTRAINT main_bay_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_bay_carpark_id_fk FOREIGN KEY (carpark_id) REFERENCES main_carpark (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_baysensor (
    id serial PRIMARY KEY,
    bay_id integer NOT NULL UNIQUE,
    serial varchar(40) NOT NULL UNIQUE,
    vendor varchar(40) NOT NULL,
    firmware varchar(20) NOT NULL,
    battery_level smallint,
    last_seen timestamp with time zone,
    is_faulty boolean NOT NULL,
    CONSTRAINT main_baysensor_bay_id_fk FOREIGN KEY (bay_id) REFERENCES main_bay (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE sensor_readings (
    id serial PRIMARY KEY,
    sensor_id integer NOT NULL,
    occupied boolean NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    received_at timestamp with time zone NOT NULL,
    raw text NOT NULL,
    CONSTRAINT sensor_readings_sensor_id_fk FOREIGN KEY (sensor_id) REFERENCES main_baysensor (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_occupancysnapshot (
    id serial PRIMARY KEY,
    carpark_id integer NOT NULL,
    taken_at timestamp with time zone NOT NULL,
    occupied integer NOT NULL,
    capacity integer NOT NULL,
    CONSTRAINT main_occupancysnapshot_carpark_id_fk FOREIGN KEY (carpark_id) REFERENCES main_carpark (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_tariff (
    id serial PRIMARY KEY,
    zone_id integer NOT NULL,
    name varchar(80) NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    max_stay_minutes integer,
    free_minutes integer NOT NULL,
    applies_on_holidays boolean NOT NULL,
    is_active boolean NOT NULL,
    tro_reference varchar(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT main_tariff_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_tariffband (
    id serial PRIMARY KEY,
    tariff_id integer NOT NULL,
    up_to_minutes integer NOT NULL,
    price_pence integer NOT NULL,
    CONSTRAINT main_tariffband_tariff_id_fk FOREIGN KEY (tariff_id) REFERENCES main_tariff (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_customer (
    id serial PRIMARY KEY,
    user_id integer UNIQUE,
    account_ref varchar(12) NOT NULL UNIQUE,
    first_name varchar(60) NOT NULL,
    last_name varchar(60) NOT NULL,
    email varchar(254) NOT NULL,
    phone varchar(20) NOT NULL,
    address_line1 varchar(120) NOT NULL,
    address_line2 varchar(120) NOT NULL,
    town varchar(60) NOT NULL,
    postcode varchar(10) NOT NULL,
    is_business boolean NOT NULL,
    is_blocked boolean NOT NULL,
    marketing_opt_in boolean NOT NULL,
    last_seen timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT main_customer_user_id_fk FOREIGN KEY (user_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_vehicle (
    id serial PRIMARY KEY,
    customer_id integer,
    vrm varchar(10) NOT NULL,
    make varchar(40) NOT NULL,
    colour varchar(20) NOT NULL,
    co2_gkm integer,
    is_electric boolean NOT NULL,
    blue_badge boolean NOT NULL,
    nickname varchar(40) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT main_vehicle_customer_id_fk FOREIGN KEY (customer_id) REFERENCES main_customer (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_notificationpreference (
    id serial PRIMARY KEY,
    customer_id integer NOT NULL UNIQUE,
    sms_session_reminders boolean NOT NULL,
    email_receipts boolean NOT NULL,
    email_permit_reminders boolean NOT NULL,
    CONSTRAINT main_notificationpreference_customer_id_fk FOREIGN KEY (customer_id) REFERENCES main_customer (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_locationcode (
    id serial PRIMARY KEY,
    code varchar(8) NOT NULL UNIQUE,
    zone_id integer NOT NULL,
    carpark_id integer,
    description varchar(120) NOT NULL,
    active boolean NOT NULL,
    CONSTRAINT main_locationcode_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_locationcode_carpark_id_fk FOREIGN KEY (carpark_id) REFERENCES main_carpark (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_parkingsession (
    id serial PRIMARY KEY,
    reference varchar(16) NOT NULL UNIQUE,
    customer_id integer,
    vehicle_id integer NOT NULL,
    vrm varchar(10) NOT NULL,
    location_id integer NOT NULL,
    zone_id integer NOT NULL,
    tariff_id integer,
    started_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    price_pence integer NOT NULL,
    channel varchar(4) NOT NULL,
    status varchar(10) NOT NULL,
    payment_id integer,
    reminder_sent boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT main_parkingsession_customer_id_fk FOREIGN KEY (customer_id) REFERENCES main_customer (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_parkingsession_vehicle_id_fk FOREIGN KEY (vehicle_id) REFERENCES main_vehicle (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_parkingsession_location_id_fk FOREIGN KEY (location_id) REFERENCES main_locationcode (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_parkingsession_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_parkingsession_tariff_id_fk FOREIGN KEY (tariff_id) REFERENCES main_tariff (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_parkingsession_payment_id_fk FOREIGN KEY (payment_id) REFERENCES main_payment (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_sessionextension (
    id serial PRIMARY KEY,
    session_id integer NOT NULL,
    added_minutes integer NOT NULL,
    price_pence integer NOT NULL,
    payment_id integer,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT main_sessionextension_session_id_fk FOREIGN KEY (session_id) REFERENCES main_parkingsession (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_sessionextension_payment_id_fk FOREIGN KEY (payment_id) REFERENCES main_payment (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_permittype (
    id serial PRIMARY KEY,
    code varchar(10) NOT NULL UNIQUE,
    name varchar(80) NOT NULL,
    base_price_pence integer NOT NULL,
    duration_days integer NOT NULL,
    max_per_household smallint NOT NULL,
    requires_proof_of_address boolean NOT NULL,
    emissions_based boolean NOT NULL,
    visitor_vouchers_included smallint NOT NULL,
    active boolean NOT NULL
);

CREATE TABLE main_permit (
    id serial PRIMARY KEY,
    reference varchar(16) NOT NULL UNIQUE,
    permit_type_id integer NOT NULL,
    customer_id integer NOT NULL,
    vehicle_id integer NOT NULL,
    zone_id integer NOT NULL,
    valid_from date NOT NULL,
    valid_to date NOT NULL,
    status varchar(10) NOT NULL,
    price_pence integer NOT NULL,
    payment_id integer,
    is_virtual boolean NOT NULL,
    cancelled_at timestamp with time zone,
    renewal_reminder_sent boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT main_permit_permit_type_id_fk FOREIGN KEY (permit_type_id) REFERENCES main_permittype (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_permit_customer_id_fk FOREIGN KEY (customer_id) REFERENCES main_customer (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_permit_vehicle_id_fk FOREIGN KEY (vehicle_id) REFERENCES main_vehicle (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_permit_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_permit_payment_id_fk FOREIGN KEY (payment_id) REFERENCES main_payment (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_visitorvoucher (
    id serial PRIMARY KEY,
    permit_id integer NOT NULL,
    code varchar(12) NOT NULL UNIQUE,
    vrm varchar(10) NOT NULL,
    starts_at timestamp with time zone,
    ends_at timestamp with time zone,
    activated_at timestamp with time zone,
    price_pence integer NOT NULL,
    CONSTRAINT main_visitorvoucher_permit_id_fk FOREIGN KEY (permit_id) REFERENCES main_permit (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_contraventioncode (
    id serial PRIMARY KEY,
    code varchar(4) NOT NULL UNIQUE,
    suffix varchar(2) NOT NULL,
    description varchar(255) NOT NULL,
    higher_rate boolean NOT NULL,
    amount_pence integer NOT NULL,
    observation_minutes smallint NOT NULL,
    on_street boolean NOT NULL
);

CREATE TABLE pcn_notice (
    id serial PRIMARY KEY,
    pcn_ref varchar(12) NOT NULL UNIQUE,
    vrm varchar(10) NOT NULL,
    vehicle_id integer,
    zone_id integer NOT NULL,
    bay_id integer,
    contravention_id integer NOT NULL,
    officer_id integer,
    observed_from timestamp with time zone,
    issued_at timestamp with time zone NOT NULL,
    status varchar(12) NOT NULL,
    amount_pence integer NOT NULL,
    discount_until date,
    paid_at timestamp with time zone,
    payment_id integer,
    keeper_name varchar(120) NOT NULL,
    keeper_address text NOT NULL,
    photo_count smallint NOT NULL,
    notes text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pcn_notice_vehicle_id_fk FOREIGN KEY (vehicle_id) REFERENCES main_vehicle (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT pcn_notice_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT pcn_notice_bay_id_fk FOREIGN KEY (bay_id) REFERENCES main_bay (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT pcn_notice_contravention_id_fk FOREIGN KEY (contravention_id) REFERENCES main_contraventioncode (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT pcn_notice_officer_id_fk FOREIGN KEY (officer_id) REFERENCES backoffice_civilofficer (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT pcn_notice_payment_id_fk FOREIGN KEY (payment_id) REFERENCES main_payment (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE main_payment (
    id serial PRIMARY KEY,
    reference varchar(20) NOT NULL UNIQUE,
    customer_id integer,
    amount_pence integer NOT NULL,
    currency varchar(3) NOT NULL,
    purpose varchar(10) NOT NULL,
    method varchar(6) NOT NULL,
    status varchar(14) NOT NULL,
    gateway varchar(12) NOT NULL,
    gateway_ref varchar(64) NOT NULL,
    card_token_id integer,
    machine_id integer,
    captured_at timestamp with time zone,
    failure_reason varchar(200) NOT NULL,
    settlement_batch_id integer,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT main_payment_customer_id_fk FOREIGN KEY (customer_id) REFERENCES main_customer (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_payment_card_token_id_fk FOREIGN KEY (card_token_id) REFERENCES legacy_cardtoken (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_payment_machine_id_fk FOREIGN KEY (machine_id) REFERENCES backoffice_paymachine (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT main_payment_settlement_batch_id_fk FOREIGN KEY (settlement_batch_id) REFERENCES backoffice_settlementbatch (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_permitapplication (
    id serial PRIMARY KEY,
    reference varchar(16) NOT NULL UNIQUE,
    customer_id integer NOT NULL,
    vehicle_id integer NOT NULL,
    permit_type_id integer NOT NULL,
    zone_id integer NOT NULL,
    address_line1 varchar(120) NOT NULL,
    postcode varchar(10) NOT NULL,
    uprn varchar(20) NOT NULL,
    status varchar(10) NOT NULL,
    reviewed_by_id integer,
    reviewed_at timestamp with time zone,
    rejection_reason text NOT NULL,
    permit_id integer UNIQUE,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT backoffice_permitapplication_customer_id_fk FOREIGN KEY (customer_id) REFERENCES main_customer (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_permitapplication_vehicle_id_fk FOREIGN KEY (vehicle_id) REFERENCES main_vehicle (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_permitapplication_permit_type_id_fk FOREIGN KEY (permit_type_id) REFERENCES main_permittype (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_permitapplication_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_permitapplication_reviewed_by_id_fk FOREIGN KEY (reviewed_by_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_permitapplication_permit_id_fk FOREIGN KEY (permit_id) REFERENCES main_permit (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_permitdocument (
    id serial PRIMARY KEY,
    application_id integer NOT NULL,
    kind varchar(12) NOT NULL,
    file varchar(100) NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    verified boolean NOT NULL,
    CONSTRAINT backoffice_permitdocument_application_id_fk FOREIGN KEY (application_id) REFERENCES backoffice_permitapplication (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE permit_waitinglist (
    id serial PRIMARY KEY,
    application_id integer NOT NULL UNIQUE,
    zone_id integer NOT NULL,
    position integer NOT NULL,
    joined_at timestamp with time zone NOT NULL,
    offered_at timestamp with time zone,
    CONSTRAINT permit_waitinglist_application_id_fk FOREIGN KEY (application_id) REFERENCES backoffice_permitapplication (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT permit_waitinglist_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_civilofficer (
    id serial PRIMARY KEY,
    user_id integer NOT NULL UNIQUE,
    badge_number varchar(10) NOT NULL UNIQUE,
    handheld_serial varchar(40) NOT NULL,
    device_token varchar(64) NOT NULL,
    active boolean NOT NULL,
    team varchar(30) NOT NULL,
    CONSTRAINT backoffice_civilofficer_user_id_fk FOREIGN KEY (user_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_patrollog (
    id serial PRIMARY KEY,
    officer_id integer NOT NULL,
    zone_id integer NOT NULL,
    started_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone,
    vehicles_checked integer NOT NULL,
    notes text NOT NULL,
    CONSTRAINT backoffice_patrollog_officer_id_fk FOREIGN KEY (officer_id) REFERENCES backoffice_civilofficer (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_patrollog_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_appeal (
    id serial PRIMARY KEY,
    penalty_notice_id integer NOT NULL,
    stage varchar(10) NOT NULL,
    grounds text NOT NULL,
    appellant_name varchar(120) NOT NULL,
    appellant_email varchar(254) NOT NULL,
    received_at timestamp with time zone NOT NULL,
    decision varchar(10) NOT NULL,
    decided_by_id integer,
    decided_at timestamp with time zone,
    decision_notes text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT backoffice_appeal_penalty_notice_id_fk FOREIGN KEY (penalty_notice_id) REFERENCES pcn_notice (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_appeal_decided_by_id_fk FOREIGN KEY (decided_by_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_settlementbatch (
    id serial PRIMARY KEY,
    business_date date NOT NULL UNIQUE,
    gateway varchar(12) NOT NULL,
    total_pence bigint NOT NULL,
    refunds_pence bigint NOT NULL,
    payment_count integer NOT NULL,
    reconciled boolean NOT NULL,
    discrepancy_pence bigint NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE backoffice_refund (
    id serial PRIMARY KEY,
    payment_id integer NOT NULL,
    amount_pence integer NOT NULL,
    reason varchar(200) NOT NULL,
    status varchar(10) NOT NULL,
    requested_by_id integer,
    approved_by_id integer,
    gateway_ref varchar(64) NOT NULL,
    paid_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT backoffice_refund_payment_id_fk FOREIGN KEY (payment_id) REFERENCES main_payment (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_refund_requested_by_id_fk FOREIGN KEY (requested_by_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_refund_approved_by_id_fk FOREIGN KEY (approved_by_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE ledger_entries (
    id serial PRIMARY KEY,
    payment_id integer,
    refund_id integer,
    account_code varchar(12) NOT NULL,
    cost_centre varchar(12) NOT NULL,
    debit_pence bigint NOT NULL,
    credit_pence bigint NOT NULL,
    posted_at timestamp with time zone NOT NULL,
    exported boolean NOT NULL,
    CONSTRAINT ledger_entries_payment_id_fk FOREIGN KEY (payment_id) REFERENCES main_payment (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT ledger_entries_refund_id_fk FOREIGN KEY (refund_id) REFERENCES backoffice_refund (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_engineer (
    id serial PRIMARY KEY,
    user_id integer UNIQUE,
    name varchar(80) NOT NULL,
    phone varchar(20) NOT NULL,
    contractor varchar(60) NOT NULL,
    on_call boolean NOT NULL,
    CONSTRAINT backoffice_engineer_user_id_fk FOREIGN KEY (user_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_paymachine (
    id serial PRIMARY KEY,
    asset_number varchar(20) NOT NULL UNIQUE,
    carpark_id integer,
    zone_id integer,
    model_name varchar(40) NOT NULL,
    accepts_cash boolean NOT NULL,
    accepts_card boolean NOT NULL,
    status varchar(8) NOT NULL,
    last_heartbeat timestamp with time zone,
    cash_level_pence integer NOT NULL,
    paper_low boolean NOT NULL,
    installed_on date,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT backoffice_paymachine_carpark_id_fk FOREIGN KEY (carpark_id) REFERENCES main_carpark (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_paymachine_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_faultreport (
    id serial PRIMARY KEY,
    machine_id integer NOT NULL,
    source varchar(10) NOT NULL,
    description text NOT NULL,
    reported_by varchar(120) NOT NULL,
    priority varchar(2) NOT NULL,
    resolved_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT backoffice_faultreport_machine_id_fk FOREIGN KEY (machine_id) REFERENCES backoffice_paymachine (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_workorder (
    id serial PRIMARY KEY,
    number varchar(12) NOT NULL UNIQUE,
    machine_id integer NOT NULL,
    fault_id integer,
    engineer_id integer,
    priority varchar(2) NOT NULL,
    status varchar(10) NOT NULL,
    due_by timestamp with time zone,
    completed_at timestamp with time zone,
    parts_used text NOT NULL,
    sla_breached boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT backoffice_workorder_machine_id_fk FOREIGN KEY (machine_id) REFERENCES backoffice_paymachine (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_workorder_fault_id_fk FOREIGN KEY (fault_id) REFERENCES backoffice_faultreport (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_workorder_engineer_id_fk FOREIGN KEY (engineer_id) REFERENCES backoffice_engineer (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_cashcollection (
    id serial PRIMARY KEY,
    machine_id integer NOT NULL,
    collected_by_id integer,
    collected_at timestamp with time zone NOT NULL,
    bag_number varchar(20) NOT NULL,
    counted_pence integer,
    expected_pence integer NOT NULL,
    notes text NOT NULL,
    CONSTRAINT backoffice_cashcollection_machine_id_fk FOREIGN KEY (machine_id) REFERENCES backoffice_paymachine (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_cashcollection_collected_by_id_fk FOREIGN KEY (collected_by_id) REFERENCES backoffice_engineer (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE backoffice_tariffchange (
    id serial PRIMARY KEY,
    tariff_id integer NOT NULL,
    effective_date date NOT NULL,
    new_bands text NOT NULL,
    new_max_stay_minutes integer,
    committee_ref varchar(40) NOT NULL,
    applied_at timestamp with time zone,
    created_by_id integer,
    CONSTRAINT backoffice_tariffchange_tariff_id_fk FOREIGN KEY (tariff_id) REFERENCES main_tariff (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT backoffice_tariffchange_created_by_id_fk FOREIGN KEY (created_by_id) REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE legacy_cardtoken (
    id serial PRIMARY KEY,
    customer_id integer,
    provider varchar(12) NOT NULL,
    token varchar(128) NOT NULL,
    card_type varchar(12) NOT NULL,
    last4 varchar(4) NOT NULL,
    expiry_month smallint NOT NULL,
    expiry_year smallint NOT NULL,
    is_default boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked boolean NOT NULL,
    CONSTRAINT legacy_cardtoken_customer_id_fk FOREIGN KEY (customer_id) REFERENCES main_customer (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE legacy_loginaudit (
    id serial PRIMARY KEY,
    username varchar(150) NOT NULL,
    ip_address inet,
    success boolean NOT NULL,
    user_agent varchar(255) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE legacy_ivrcall (
    id serial PRIMARY KEY,
    call_sid varchar(64) NOT NULL UNIQUE,
    caller_number varchar(20) NOT NULL,
    customer_id integer,
    step varchar(20) NOT NULL,
    location_code varchar(8) NOT NULL,
    vrm varchar(10) NOT NULL,
    minutes integer,
    session_id integer,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    outcome varchar(20) NOT NULL,
    CONSTRAINT legacy_ivrcall_customer_id_fk FOREIGN KEY (customer_id) REFERENCES main_customer (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT legacy_ivrcall_session_id_fk FOREIGN KEY (session_id) REFERENCES main_parkingsession (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE legacy_warningnotice (
    id serial PRIMARY KEY,
    vrm varchar(10) NOT NULL,
    zone_id integer NOT NULL,
    officer_id integer,
    contravention_id integer NOT NULL,
    issued_at timestamp with time zone NOT NULL,
    CONSTRAINT legacy_warningnotice_zone_id_fk FOREIGN KEY (zone_id) REFERENCES main_zone (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT legacy_warningnotice_officer_id_fk FOREIGN KEY (officer_id) REFERENCES backoffice_civilofficer (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT legacy_warningnotice_contravention_id_fk FOREIGN KEY (contravention_id) REFERENCES main_contraventioncode (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE legacy_keeperenquiry (
    id serial PRIMARY KEY,
    penalty_notice_id integer NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    response_at timestamp with time zone,
    status varchar(12) NOT NULL,
    raw_response text NOT NULL,
    CONSTRAINT legacy_keeperenquiry_penalty_notice_id_fk FOREIGN KEY (penalty_notice_id) REFERENCES pcn_notice (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE legacy_machinealarm (
    id serial PRIMARY KEY,
    machine_id integer NOT NULL,
    code varchar(10) NOT NULL,
    message varchar(255) NOT NULL,
    raised_at timestamp with time zone NOT NULL,
    cleared_at timestamp with time zone,
    fault_id integer,
    CONSTRAINT legacy_machinealarm_machine_id_fk FOREIGN KEY (machine_id) REFERENCES backoffice_paymachine (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT legacy_machinealarm_fault_id_fk FOREIGN KEY (fault_id) REFERENCES backoffice_faultreport (id) DEFERRABLE INITIALLY DEFERRED
);
