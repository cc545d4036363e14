-- Regional Library Network (RLN) database schema
-- maintained by hand, see migrations/ for incremental changes since 2021

CREATE TABLE branches (
    id SERIAL PRIMARY KEY,
    code VARCHAR(8) NOT NULL UNIQUE,
    name VARCHAR(120) NOT NULL,
    address TEXT,
    phone VARCHAR(30),
    email VARCHAR(120),
    is_hub BOOLEAN DEFAULT FALSE,
    active BOOLEAN DEFAULT TRUE
);

CREATE TABLE branch_closed_days (
    id SERIAL PRIMARY KEY,
    branch_id INTEGER REFERENCES branches(id),
    closed_on DATE NOT NULL,
    reason VARCHAR(200)
);

CREATE TABLE staff_users (
    id SERIAL PRIMARY KEY,
    username VARCHAR(60) NOT NULL UNIQUE,
    password_hash VARCHAR(200) NOT NULL,
    full_name VARCHAR(120),
    email VARCHAR(120),
    role VARCHAR(20) NOT NULL DEFAULT 'desk',
    home_branch_id INTEGER REFERENCES branches(id),
    active BOOLEAN DEFAULT TRUE,
    last_login TIMESTAMP
);

CREATE TABLE staff_sessions (
    token VARCHAR(64) PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff_users(id),
    branch_id INTEGER REFERENCES branches(id),
    created_at TIMESTAMP DEFAULT now(),
    expires_at TIMESTAMP
);

CREATE TABLE audit_log (
    id SERIAL PRIMARY KEY,
    staff_id INTEGER REFERENCES staff_users(id),
    action VARCHAR(60) NOT NULL,
    object_type VARCHAR(40),
    object_id INTEGER,
    details TEXT,
    created_at TIMESTAMP DEFAULT now()
);

CREATE TABLE system_settings (
    key VARCHAR(80) PRIMARY KEY,
    value TEXT,
    updated_at TIMESTAMP DEFAULT now()
);

CREATE TABLE member_categories (
    id SERIAL PRIMARY KEY,
    code VARCHAR(10) NOT NULL UNIQUE,
    description VARCHAR(100),
    max_loans INTEGER DEFAULT 10,
    max_holds INTEGER DEFAULT 5,
    fines_exempt BOOLEAN DEFAULT FALSE,
    membership_fee NUMERIC(8,2) DEFAULT 0
);

CREATE TABLE members (
    id SERIAL PRIMARY KEY,
    first_name VARCHAR(80) NOT NULL,
    last_name VARCHAR(80) NOT NULL,
    date_of_birth DATE,
    email VARCHAR(120),
    phone VARCHAR(30),
    address TEXT,
    postcode VARCHAR(12),
    category_id INTEGER REFERENCES member_categories(id),
    home_branch_id INTEGER REFERENCES branches(id),
    joined_on DATE DEFAULT current_date,
    expires_on DATE,
    status VARCHAR(12) DEFAULT 'active',
    notify_by VARCHAR(10) DEFAULT 'email',
    guardian_id INTEGER REFERENCES members(id)
);

CREATE TABLE library_cards (
    id SERIAL PRIMARY KEY,
    barcode VARCHAR(20) NOT NULL UNIQUE,
    member_id INTEGER NOT NULL REFERENCES members(id),
    issued_on DATE DEFAULT current_date,
    issued_by INTEGER REFERENCES staff_users(id),
    status VARCHAR(12) DEFAULT 'active',
    pin_hash VARCHAR(200)
);

CREATE TABLE member_blocks (
    id SERIAL PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    reason VARCHAR(40) NOT NULL,
    note TEXT,
    created_by INTEGER REFERENCES staff_users(id),
    created_at TIMESTAMP DEFAULT now(),
    lifted_at TIMESTAMP
);

CREATE TABLE member_notes (
    id SERIAL PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    staff_id INTEGER REFERENCES staff_users(id),
    note TEXT,
    created_at TIMESTAMP DEFAULT now()
);

CREATE TABLE authors (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    sort_name VARCHAR(200)
);

CREATE TABLE titles (
    id SERIAL PRIMARY KEY,
    isbn VARCHAR(17),
    title VARCHAR(400) NOT NULL,
    subtitle VARCHAR(400),
    publisher VARCHAR(200),
    pub_year INTEGER,
    material_type VARCHAR(20) DEFAULT 'book',
    language VARCHAR(3) DEFAULT 'eng',
    dewey VARCHAR(20),
    marc_record TEXT,
    created_at TIMESTAMP DEFAULT now(),
    suppressed BOOLEAN DEFAULT FALSE
);

CREATE TABLE title_authors (
    title_id INTEGER NOT NULL REFERENCES titles(id),
    author_id INTEGER NOT NULL REFERENCES authors(id),
    role VARCHAR(20) DEFAULT 'author',
    PRIMARY KEY (title_id, author_id)
);

CREATE TABLE subjects (
    id SERIAL PRIMARY KEY,
    heading VARCHAR(200) NOT NULL UNIQUE
);

CREATE TABLE title_subjects (
    title_id INTEGER NOT NULL REFERENCES titles(id),
    subject_id INTEGER NOT NULL REFERENCES subjects(id),
    PRIMARY KEY (title_id, subject_id)
);

CREATE TABLE copies (
    id SERIAL PRIMARY KEY,
    barcode VARCHAR(20) NOT NULL UNIQUE,
    title_id INTEGER NOT NULL REFERENCES titles(id),
    branch_id INTEGER NOT NULL REFERENCES branches(id),
    current_branch_id INTEGER REFERENCES branches(id),
    shelf_location VARCHAR(40),
    status VARCHAR(16) DEFAULT 'available',
    price NUMERIC(8,2),
    acquired_on DATE,
    loan_type VARCHAR(12) DEFAULT 'standard'
);

CREATE TABLE copy_status_log (
    id SERIAL PRIMARY KEY,
    copy_id INTEGER NOT NULL REFERENCES copies(id),
    old_status VARCHAR(16),
    new_status VARCHAR(16),
    changed_at TIMESTAMP DEFAULT now(),
    staff_id INTEGER REFERENCES staff_users(id)
);

CREATE TABLE loan_rules (
    id SERIAL PRIMARY KEY,
    category_id INTEGER REFERENCES member_categories(id),
    loan_type VARCHAR(12) NOT NULL,
    loan_days INTEGER NOT NULL DEFAULT 21,
    max_renewals INTEGER NOT NULL DEFAULT 3,
    daily_fine NUMERIC(6,2) DEFAULT 0.25,
    max_fine NUMERIC(6,2) DEFAULT 8.00
);

CREATE TABLE loans (
    id SERIAL PRIMARY KEY,
    copy_id INTEGER NOT NULL REFERENCES copies(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    branch_id INTEGER REFERENCES branches(id),
    issued_at TIMESTAMP DEFAULT now(),
    due_date DATE NOT NULL,
    returned_at TIMESTAMP,
    return_branch_id INTEGER REFERENCES branches(id),
    renewals INTEGER DEFAULT 0,
    issued_by INTEGER REFERENCES staff_users(id),
    claimed_returned BOOLEAN DEFAULT FALSE
);

CREATE TABLE renewals (
    id SERIAL PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES loans(id),
    renewed_at TIMESTAMP DEFAULT now(),
    old_due DATE,
    new_due DATE,
    channel VARCHAR(10) DEFAULT 'desk'
);

CREATE TABLE holds (
    id SERIAL PRIMARY KEY,
    title_id INTEGER NOT NULL REFERENCES titles(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    pickup_branch_id INTEGER NOT NULL REFERENCES branches(id),
    copy_id INTEGER REFERENCES copies(id),
    placed_at TIMESTAMP DEFAULT now(),
    status VARCHAR(12) DEFAULT 'waiting',
    ready_at TIMESTAMP,
    expires_at TIMESTAMP,
    queue_pos INTEGER
);

CREATE TABLE notices (
    id SERIAL PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    loan_id INTEGER REFERENCES loans(id),
    hold_id INTEGER REFERENCES holds(id),
    notice_type VARCHAR(20) NOT NULL,
    sent_at TIMESTAMP DEFAULT now(),
    channel VARCHAR(10)
);

CREATE TABLE fee_schedule (
    id SERIAL PRIMARY KEY,
    fee_code VARCHAR(20) NOT NULL UNIQUE,
    description VARCHAR(120),
    amount NUMERIC(8,2) NOT NULL
);

CREATE TABLE fines (
    id SERIAL PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    loan_id INTEGER REFERENCES loans(id),
    fee_code VARCHAR(20),
    amount NUMERIC(8,2) NOT NULL,
    balance NUMERIC(8,2) NOT NULL,
    created_at TIMESTAMP DEFAULT now(),
    branch_id INTEGER REFERENCES branches(id),
    status VARCHAR(10) DEFAULT 'open'
);

CREATE TABLE payments (
    id SERIAL PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    amount NUMERIC(8,2) NOT NULL,
    method VARCHAR(12) NOT NULL,
    gateway_ref VARCHAR(64),
    branch_id INTEGER REFERENCES branches(id),
    taken_by INTEGER REFERENCES staff_users(id),
    paid_at TIMESTAMP DEFAULT now(),
    refunded BOOLEAN DEFAULT FALSE
);

CREATE TABLE payment_allocations (
    id SERIAL PRIMARY KEY,
    payment_id INTEGER NOT NULL REFERENCES payments(id),
    fine_id INTEGER NOT NULL REFERENCES fines(id),
    amount NUMERIC(8,2) NOT NULL
);

CREATE TABLE fine_waivers (
    id SERIAL PRIMARY KEY,
    fine_id INTEGER NOT NULL REFERENCES fines(id),
    amount NUMERIC(8,2) NOT NULL,
    reason VARCHAR(200),
    approved_by INTEGER REFERENCES staff_users(id),
    created_at TIMESTAMP DEFAULT now()
);

CREATE TABLE courier_routes (
    id SERIAL PRIMARY KEY,
    name VARCHAR(60) NOT NULL,
    weekday INTEGER NOT NULL,
    from_branch_id INTEGER REFERENCES branches(id),
    to_branch_id INTEGER REFERENCES branches(id)
);

CREATE TABLE transfer_batches (
    id SERIAL PRIMARY KEY,
    route_id INTEGER REFERENCES courier_routes(id),
    from_branch_id INTEGER NOT NULL REFERENCES branches(id),
    to_branch_id INTEGER NOT NULL REFERENCES branches(id),
    dispatched_at TIMESTAMP,
    received_at TIMESTAMP,
    crate_label VARCHAR(30)
);

CREATE TABLE transfer_requests (
    id SERIAL PRIMARY KEY,
    copy_id INTEGER NOT NULL REFERENCES copies(id),
    from_branch_id INTEGER NOT NULL REFERENCES branches(id),
    to_branch_id INTEGER NOT NULL REFERENCES branches(id),
    hold_id INTEGER REFERENCES holds(id),
    reason VARCHAR(20) DEFAULT 'hold',
    status VARCHAR(12) DEFAULT 'requested',
    batch_id INTEGER REFERENCES transfer_batches(id),
    requested_at TIMESTAMP DEFAULT now(),
    completed_at TIMESTAMP
);

CREATE TABLE rooms (
    id SERIAL PRIMARY KEY,
    branch_id INTEGER NOT NULL REFERENCES branches(id),
    name VARCHAR(80) NOT NULL,
    capacity INTEGER,
    hourly_rate NUMERIC(8,2) DEFAULT 0,
    bookable_by_public BOOLEAN DEFAULT TRUE
);

CREATE TABLE room_bookings (
    id SERIAL PRIMARY KEY,
    room_id INTEGER NOT NULL REFERENCES rooms(id),
    member_id INTEGER REFERENCES members(id),
    organisation VARCHAR(120),
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    status VARCHAR(12) DEFAULT 'provisional',
    charge NUMERIC(8,2) DEFAULT 0,
    fine_id INTEGER REFERENCES fines(id),
    booked_by INTEGER REFERENCES staff_users(id)
);

CREATE TABLE events (
    id SERIAL PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    description TEXT,
    branch_id INTEGER REFERENCES branches(id),
    room_booking_id INTEGER REFERENCES room_bookings(id),
    starts_at TIMESTAMP NOT NULL,
    capacity INTEGER,
    age_group VARCHAR(20),
    published BOOLEAN DEFAULT FALSE
);

CREATE TABLE event_registrations (
    id SERIAL PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id),
    member_id INTEGER REFERENCES members(id),
    guest_name VARCHAR(120),
    registered_at TIMESTAMP DEFAULT now(),
    attended BOOLEAN,
    waitlisted BOOLEAN DEFAULT FALSE
);

CREATE TABLE suppliers (
    id SERIAL PRIMARY KEY,
    name VARCHAR(120) NOT NULL,
    account_no VARCHAR(40),
    edi_address VARCHAR(200),
    email VARCHAR(120),
    discount_pct NUMERIC(5,2) DEFAULT 0,
    active BOOLEAN DEFAULT TRUE
);

CREATE TABLE budgets (
    id SERIAL PRIMARY KEY,
    fund_code VARCHAR(20) NOT NULL,
    fiscal_year INTEGER NOT NULL,
    branch_id INTEGER REFERENCES branches(id),
    allocated NUMERIC(12,2) NOT NULL,
    committed NUMERIC(12,2) DEFAULT 0,
    spent NUMERIC(12,2) DEFAULT 0
);

CREATE TABLE purchase_orders (
    id SERIAL PRIMARY KEY,
    supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
    budget_id INTEGER REFERENCES budgets(id),
    order_no VARCHAR(30) UNIQUE,
    status VARCHAR(12) DEFAULT 'draft',
    created_by INTEGER REFERENCES staff_users(id),
    created_at TIMESTAMP DEFAULT now(),
    sent_at TIMESTAMP
);

CREATE TABLE po_lines (
    id SERIAL PRIMARY KEY,
    po_id INTEGER NOT NULL REFERENCES purchase_orders(id),
    title_id INTEGER REFERENCES titles(id),
    isbn VARCHAR(17),
    quantity INTEGER NOT NULL DEFAULT 1,
    unit_price NUMERIC(8,2),
    branch_id INTEGER REFERENCES branches(id),
    received_qty INTEGER DEFAULT 0
);

CREATE TABLE supplier_invoices (
    id SERIAL PRIMARY KEY,
    supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
    po_id INTEGER REFERENCES purchase_orders(id),
    invoice_no VARCHAR(40) NOT NULL,
    amount NUMERIC(12,2) NOT NULL,
    received_on DATE,
    paid_on DATE
);
