-- Schema dump (pg_dump --schema-only, trimmed) for the BI team.
-- Generated from the Django models; see */models.py. Do not edit by hand.

CREATE TABLE utils_taxyear (
    id serial PRIMARY KEY,
    label varchar(9) NOT NULL,
    starts date NOT NULL,
    ends date NOT NULL,
    basic_rate numeric(5,2) NOT NULL
);

CREATE TABLE utils_shippingrate (
    id serial PRIMARY KEY,
    name varchar(60) NOT NULL,
    zone varchar(10) NOT NULL,
    max_weight_g integer NOT NULL,
    price numeric(8,2) NOT NULL,
    active boolean NOT NULL
);

CREATE TABLE utils_dataprotectionrequest (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    supporter_id integer REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    kind varchar(8) NOT NULL,
    received date NOT NULL,
    due date NOT NULL,
    completed date,
    notes text NOT NULL
);

CREATE TABLE core_supporter (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    ref varchar(12) NOT NULL,
    title varchar(10) NOT NULL,
    first_name varchar(80) NOT NULL,
    last_name varchar(80) NOT NULL,
    email varchar(254) NOT NULL,
    phone varchar(30) NOT NULL,
    date_of_birth date,
    deceased boolean NOT NULL,
    merged_into_id integer REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    first_gift_date date,
    last_gift_date date,
    lifetime_value numeric(12,2) NOT NULL,
    source varchar(40) NOT NULL
);

CREATE TABLE core_address (
    id serial PRIMARY KEY,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    line1 varchar(120) NOT NULL,
    line2 varchar(120) NOT NULL,
    town varchar(80) NOT NULL,
    county varchar(80) NOT NULL,
    postcode varchar(10) NOT NULL,
    country varchar(2) NOT NULL,
    primary boolean NOT NULL,
    gone_away boolean NOT NULL
);

CREATE TABLE core_contactpreference (
    id serial PRIMARY KEY,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    channel varchar(10) NOT NULL,
    opted_in boolean NOT NULL,
    statement varchar(200) NOT NULL,
    changed timestamp with time zone NOT NULL
);

CREATE TABLE core_campaign (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    code varchar(20) NOT NULL,
    name varchar(200) NOT NULL,
    kind varchar(20) NOT NULL,
    starts date NOT NULL,
    ends date,
    target numeric(12,2) NOT NULL,
    raised numeric(12,2) NOT NULL,
    restricted_fund varchar(60) NOT NULL,
    active boolean NOT NULL
);

CREATE TABLE core_appeal (
    id serial PRIMARY KEY,
    campaign_id integer NOT NULL REFERENCES core_campaign(id) DEFERRABLE INITIALLY DEFERRED,
    code varchar(20) NOT NULL,
    channel varchar(20) NOT NULL,
    mailed_count integer NOT NULL,
    cost numeric(10,2) NOT NULL,
    sent_on date
);

CREATE TABLE core_donation (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    campaign_id integer REFERENCES core_campaign(id) DEFERRABLE INITIALLY DEFERRED,
    appeal_id integer REFERENCES core_appeal(id) DEFERRABLE INITIALLY DEFERRED,
    recurring_gift_id integer REFERENCES crm_recurringgift(id) DEFERRABLE INITIALLY DEFERRED,
    amount numeric(10,2) NOT NULL,
    received date NOT NULL,
    method varchar(10) NOT NULL,
    payment_ref varchar(64) NOT NULL,
    gift_aid_eligible boolean NOT NULL,
    gift_aid_claimed boolean NOT NULL,
    anonymous boolean NOT NULL,
    in_memory_of varchar(120) NOT NULL,
    batch_no varchar(20) NOT NULL,
    refunded boolean NOT NULL
);

CREATE TABLE core_refund (
    id serial PRIMARY KEY,
    donation_id integer NOT NULL REFERENCES core_donation(id) DEFERRABLE INITIALLY DEFERRED,
    amount numeric(10,2) NOT NULL,
    reason varchar(200) NOT NULL,
    gateway_ref varchar(64) NOT NULL,
    refunded_on date NOT NULL,
    by_id integer REFERENCES auth_user(id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE core_giftaiddeclaration (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    made_on date NOT NULL,
    covers_past_four_years boolean NOT NULL,
    covers_future boolean NOT NULL,
    cancelled_on date,
    method varchar(10) NOT NULL,
    confirmation_sent boolean NOT NULL
);

CREATE TABLE giftaid_claims (
    id serial PRIMARY KEY,
    reference varchar(30) NOT NULL,
    period_start date NOT NULL,
    period_end date NOT NULL,
    tax_year_id integer REFERENCES utils_taxyear(id) DEFERRABLE INITIALLY DEFERRED,
    status varchar(10) NOT NULL,
    total_donations numeric(12,2) NOT NULL,
    total_claimed numeric(12,2) NOT NULL,
    hmrc_correlation_id varchar(64) NOT NULL,
    created timestamp with time zone NOT NULL
);

CREATE TABLE core_claimline (
    id serial PRIMARY KEY,
    claim_id integer NOT NULL REFERENCES giftaid_claims(id) DEFERRABLE INITIALLY DEFERRED,
    donation_id integer NOT NULL UNIQUE REFERENCES core_donation(id) DEFERRABLE INITIALLY DEFERRED,
    declaration_id integer NOT NULL REFERENCES core_giftaiddeclaration(id) DEFERRABLE INITIALLY DEFERRED,
    amount numeric(10,2) NOT NULL,
    house_no varchar(40) NOT NULL,
    postcode varchar(10) NOT NULL
);

CREATE TABLE crm_directdebitmandate (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    reference varchar(18) NOT NULL,
    account_name varchar(100) NOT NULL,
    sort_code_last2 varchar(2) NOT NULL,
    account_last4 varchar(4) NOT NULL,
    status varchar(12) NOT NULL,
    gateway_id varchar(64) NOT NULL,
    auddis_sent date
);

CREATE TABLE crm_recurringgift (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    mandate_id integer REFERENCES crm_directdebitmandate(id) DEFERRABLE INITIALLY DEFERRED,
    campaign_id integer REFERENCES core_campaign(id) DEFERRABLE INITIALLY DEFERRED,
    amount numeric(8,2) NOT NULL,
    frequency varchar(1) NOT NULL,
    collection_day smallint NOT NULL,
    next_due date NOT NULL,
    status varchar(12) NOT NULL,
    failures smallint NOT NULL,
    cancelled_reason varchar(120) NOT NULL
);

CREATE TABLE dd_collection_runs (
    id serial PRIMARY KEY,
    run_date date NOT NULL,
    submitted integer NOT NULL,
    failed integer NOT NULL,
    total numeric(12,2) NOT NULL,
    finished timestamp with time zone
);

CREATE TABLE crm_segment (
    id serial PRIMARY KEY,
    name varchar(100) NOT NULL,
    rules jsonb NOT NULL,
    last_count integer NOT NULL,
    refreshed timestamp with time zone,
    owner varchar(60) NOT NULL
);

CREATE TABLE crm_mailing (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    appeal_id integer REFERENCES core_appeal(id) DEFERRABLE INITIALLY DEFERRED,
    segment_id integer NOT NULL REFERENCES crm_segment(id) DEFERRABLE INITIALLY DEFERRED,
    channel varchar(10) NOT NULL,
    subject varchar(200) NOT NULL,
    template varchar(100) NOT NULL,
    scheduled_for timestamp with time zone,
    sent_at timestamp with time zone
);

CREATE TABLE crm_mailingrecipient (
    id serial PRIMARY KEY,
    mailing_id integer NOT NULL REFERENCES crm_mailing(id) DEFERRABLE INITIALLY DEFERRED,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    sent boolean NOT NULL,
    bounced boolean NOT NULL,
    opened timestamp with time zone
);

CREATE TABLE crm_interaction (
    id serial PRIMARY KEY,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    kind varchar(20) NOT NULL,
    notes text NOT NULL,
    happened timestamp with time zone NOT NULL,
    staff varchar(60) NOT NULL
);

CREATE TABLE crm_hmrcsubmission (
    id serial PRIMARY KEY,
    claim_id integer NOT NULL REFERENCES giftaid_claims(id) DEFERRABLE INITIALLY DEFERRED,
    correlation_id varchar(64) NOT NULL,
    request_xml text NOT NULL,
    response_xml text NOT NULL,
    status varchar(12) NOT NULL,
    sent_at timestamp with time zone NOT NULL
);

CREATE TABLE crm_volunteer (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    supporter_id integer NOT NULL UNIQUE REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    status varchar(12) NOT NULL,
    dbs_checked date,
    emergency_contact varchar(120) NOT NULL,
    skills varchar(255) NOT NULL,
    preferred_location varchar(80) NOT NULL,
    hours_logged numeric(8,2) NOT NULL
);

CREATE TABLE ops_volunteerrole (
    id serial PRIMARY KEY,
    title varchar(100) NOT NULL,
    location varchar(80) NOT NULL,
    needs_dbs boolean NOT NULL,
    description text NOT NULL,
    active boolean NOT NULL
);

CREATE TABLE ops_shift (
    id serial PRIMARY KEY,
    role_id integer NOT NULL REFERENCES ops_volunteerrole(id) DEFERRABLE INITIALLY DEFERRED,
    event_id integer REFERENCES ops_event(id) DEFERRABLE INITIALLY DEFERRED,
    starts timestamp with time zone NOT NULL,
    ends timestamp with time zone NOT NULL,
    places smallint NOT NULL,
    notes varchar(200) NOT NULL
);

CREATE TABLE ops_shiftassignment (
    id serial PRIMARY KEY,
    shift_id integer NOT NULL REFERENCES ops_shift(id) DEFERRABLE INITIALLY DEFERRED,
    volunteer_id integer NOT NULL REFERENCES crm_volunteer(id) DEFERRABLE INITIALLY DEFERRED,
    status varchar(12) NOT NULL,
    reminder_sent boolean NOT NULL
);

CREATE TABLE ops_timesheet (
    id serial PRIMARY KEY,
    volunteer_id integer NOT NULL REFERENCES crm_volunteer(id) DEFERRABLE INITIALLY DEFERRED,
    assignment_id integer REFERENCES ops_shiftassignment(id) DEFERRABLE INITIALLY DEFERRED,
    worked_on date NOT NULL,
    hours numeric(5,2) NOT NULL,
    expenses numeric(8,2) NOT NULL,
    approved boolean NOT NULL
);

CREATE TABLE ops_event (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    name varchar(200) NOT NULL,
    slug varchar(50) NOT NULL,
    campaign_id integer REFERENCES core_campaign(id) DEFERRABLE INITIALLY DEFERRED,
    venue varchar(200) NOT NULL,
    starts timestamp with time zone NOT NULL,
    capacity integer NOT NULL,
    fundraising_target numeric(10,2) NOT NULL,
    published boolean NOT NULL,
    closed boolean NOT NULL
);

CREATE TABLE ops_tickettype (
    id serial PRIMARY KEY,
    event_id integer NOT NULL REFERENCES ops_event(id) DEFERRABLE INITIALLY DEFERRED,
    name varchar(80) NOT NULL,
    price numeric(8,2) NOT NULL,
    quantity integer,
    min_sponsorship numeric(8,2) NOT NULL
);

CREATE TABLE ops_booking (
    id serial PRIMARY KEY,
    event_id integer NOT NULL REFERENCES ops_event(id) DEFERRABLE INITIALLY DEFERRED,
    supporter_id integer NOT NULL REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    reference varchar(12) NOT NULL,
    booked_at timestamp with time zone NOT NULL,
    total_paid numeric(10,2) NOT NULL,
    payment_ref varchar(64) NOT NULL,
    cancelled boolean NOT NULL
);

CREATE TABLE ops_attendee (
    id serial PRIMARY KEY,
    booking_id integer NOT NULL REFERENCES ops_booking(id) DEFERRABLE INITIALLY DEFERRED,
    ticket_type_id integer NOT NULL REFERENCES ops_tickettype(id) DEFERRABLE INITIALLY DEFERRED,
    name varchar(120) NOT NULL,
    tshirt_size varchar(4) NOT NULL,
    checked_in timestamp with time zone
);

CREATE TABLE ops_partner (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    name varchar(200) NOT NULL,
    charity_number varchar(20) NOT NULL,
    contact_name varchar(120) NOT NULL,
    contact_email varchar(254) NOT NULL,
    region varchar(60) NOT NULL,
    bank_verified boolean NOT NULL,
    due_diligence_date date
);

CREATE TABLE ops_grantapplication (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    partner_id integer NOT NULL REFERENCES ops_partner(id) DEFERRABLE INITIALLY DEFERRED,
    programme varchar(80) NOT NULL,
    amount_requested numeric(10,2) NOT NULL,
    project_summary text NOT NULL,
    status varchar(10) NOT NULL,
    score smallint,
    panel_date date
);

CREATE TABLE ops_grantaward (
    id serial PRIMARY KEY,
    application_id integer NOT NULL UNIQUE REFERENCES ops_grantapplication(id) DEFERRABLE INITIALLY DEFERRED,
    funding_campaign_id integer REFERENCES core_campaign(id) DEFERRABLE INITIALLY DEFERRED,
    amount numeric(10,2) NOT NULL,
    starts date NOT NULL,
    ends date NOT NULL,
    tranches smallint NOT NULL,
    conditions text NOT NULL
);

CREATE TABLE grant_payments (
    id serial PRIMARY KEY,
    award_id integer NOT NULL REFERENCES ops_grantaward(id) DEFERRABLE INITIALLY DEFERRED,
    due date NOT NULL,
    amount numeric(10,2) NOT NULL,
    paid_on date,
    bacs_ref varchar(30) NOT NULL,
    held boolean NOT NULL
);

CREATE TABLE ops_grantreport (
    id serial PRIMARY KEY,
    award_id integer NOT NULL REFERENCES ops_grantaward(id) DEFERRABLE INITIALLY DEFERRED,
    period_end date NOT NULL,
    received date,
    beneficiaries_reached integer NOT NULL,
    narrative text NOT NULL,
    accepted boolean NOT NULL
);

CREATE TABLE web_supporteraccount (
    id serial PRIMARY KEY,
    user_id integer NOT NULL UNIQUE REFERENCES auth_user(id) DEFERRABLE INITIALLY DEFERRED,
    supporter_id integer NOT NULL UNIQUE REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    verified boolean NOT NULL,
    last_seen timestamp with time zone
);

CREATE TABLE web_donationpage (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    campaign_id integer NOT NULL REFERENCES core_campaign(id) DEFERRABLE INITIALLY DEFERRED,
    slug varchar(50) NOT NULL,
    headline varchar(200) NOT NULL,
    body text NOT NULL,
    suggested_amounts varchar(60) NOT NULL,
    hero_image varchar(200) NOT NULL,
    show_total boolean NOT NULL,
    live boolean NOT NULL
);

CREATE TABLE web_product (
    id serial PRIMARY KEY,
    created timestamp with time zone NOT NULL,
    modified timestamp with time zone NOT NULL,
    sku varchar(20) NOT NULL,
    name varchar(200) NOT NULL,
    description text NOT NULL,
    price numeric(8,2) NOT NULL,
    weight_g integer NOT NULL,
    vat_rate numeric(4,2) NOT NULL,
    active boolean NOT NULL
);

CREATE TABLE web_productvariant (
    id serial PRIMARY KEY,
    product_id integer NOT NULL REFERENCES web_product(id) DEFERRABLE INITIALLY DEFERRED,
    label varchar(40) NOT NULL,
    sku_suffix varchar(10) NOT NULL,
    stock integer NOT NULL,
    reorder_level integer NOT NULL
);

CREATE TABLE web_order (
    id serial PRIMARY KEY,
    supporter_id integer REFERENCES core_supporter(id) DEFERRABLE INITIALLY DEFERRED,
    session_key varchar(40) NOT NULL,
    status varchar(10) NOT NULL,
    placed timestamp with time zone,
    subtotal numeric(10,2) NOT NULL,
    shipping numeric(8,2) NOT NULL,
    total numeric(10,2) NOT NULL,
    payment_ref varchar(64) NOT NULL,
    ship_name varchar(120) NOT NULL,
    ship_address text NOT NULL,
    ship_postcode varchar(10) NOT NULL,
    tracking_no varchar(40) NOT NULL
);

CREATE TABLE web_orderline (
    id serial PRIMARY KEY,
    order_id integer NOT NULL REFERENCES web_order(id) DEFERRABLE INITIALLY DEFERRED,
    variant_id integer NOT NULL REFERENCES web_productvariant(id) DEFERRABLE INITIALLY DEFERRED,
    qty integer NOT NULL,
    unit_price numeric(8,2) NOT NULL
);

CREATE TABLE web_stockmovement (
    id serial PRIMARY KEY,
    variant_id integer NOT NULL REFERENCES web_productvariant(id) DEFERRABLE INITIALLY DEFERRED,
    change integer NOT NULL,
    reason varchar(40) NOT NULL,
    order_id integer REFERENCES web_order(id) DEFERRABLE INITIALLY DEFERRED,
    at timestamp with time zone NOT NULL
);
