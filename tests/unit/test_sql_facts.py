"""SQL facts: tables read/written by SQL in code, and schemas, views, routines in .sql files."""

from __future__ import annotations

import pytest

from decomposer.ingest.sql_facts import analyse_sql, looks_like_sql, parse_sql_file
from decomposer.ingest.sql_split import replace_placeholders, split_statements

# ---------------------------------------------------------------- looks_like_sql


@pytest.mark.parametrize("text", [
    "SELECT id, total FROM orders WHERE id = %s",
    "insert into audit_log (msg) values (?)",
    "UPDATE orders SET status = 'paid' WHERE id = 1",
    "DELETE FROM carts WHERE user_id = :uid",
    "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY)",
    "WITH recent AS (SELECT * FROM orders) SELECT * FROM recent",
    "MERGE INTO stock USING deliveries ON 1 = 1 WHEN MATCHED THEN DELETE",
    "REPLACE INTO settings (k, v) VALUES (%s, %s)",
    # a qmark placeholder last is no question (sqlite3, pyodbc)
    "SELECT provider FROM lastUpdate WHERE provider = ?",
    "select * from rooms where id=?",
    "SELECT * FROM events ORDER BY at LIMIT ?",
])
def test_looks_like_sql_accepts_statements(text):
    assert looks_like_sql(text)


@pytest.mark.parametrize("text", [
    "Select a file from the list.",
    "Select all files from the disk?",
    "Updating the order failed: %s",
    "delete from the cache when it expires",
    "https://example.com/select?from=orders",
    "<p>select one from the menu</p>",
    "from",
])
def test_looks_like_sql_rejects_prose_logs_urls_and_html(text):
    assert not looks_like_sql(text)


# ---------------------------------------------------------------- analyse_sql


@pytest.mark.parametrize("text, reads, writes", [
    # a string glued from pieces: "... = ?" + extra + " WHERE id = ?"
    ("UPDATE payments SET status = ? __placeholder__ WHERE id = ?", [], [(None, "payments")]),
    ("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users) garbage ((",
     [(None, "users")], [(None, "sessions")]),
    ("INSERT INTO hits (k) VALUES (?) ON DUPLICATE KEY UPDATE n = n + 1 ((", [],
     [(None, "hits")]),
    ("SELECT * FROM jobs JOIN app.queues q ON 1 FOR UPDATE SKIP LOCKED ((",
     [("app", "queues"), (None, "jobs")], []),
])
def test_a_statement_sqlglot_cannot_read_keeps_the_tables_its_verbs_name(text, reads, writes):
    use = analyse_sql(text)
    assert sorted(use.reads, key=str) == sorted(reads, key=str)
    assert list(use.writes) == writes
    assert "tables taken from its verbs" in use.error


def test_join_reads_both_tables_and_writes_none():
    use = analyse_sql("SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id")
    assert use.reads == ((None, "customers"), (None, "orders"))
    assert use.writes == ()


def test_cte_names_are_not_tables_but_their_sources_are():
    use = analyse_sql("WITH recent AS (SELECT * FROM orders) SELECT * FROM recent JOIN items "
                      "USING (id)")
    assert use.reads == ((None, "items"), (None, "orders"))


def test_insert_select_writes_target_and_reads_source():
    use = analyse_sql("INSERT INTO archive (id) SELECT id FROM orders WHERE id IN "
                      "(SELECT order_id FROM refunds)")
    assert use.writes == ((None, "archive"),)
    assert use.reads == ((None, "orders"), (None, "refunds"))


def test_update_from_and_delete_using_read_the_joined_table():
    update = analyse_sql("UPDATE orders SET total = p.t FROM payments p WHERE p.oid = orders.id")
    delete = analyse_sql("DELETE FROM carts USING users WHERE carts.uid = users.id")
    assert (update.writes, update.reads) == (((None, "orders"),), ((None, "payments"),))
    assert (delete.writes, delete.reads) == (((None, "carts"),), ((None, "users"),))




def test_a_multi_table_delete_writes_the_tables_its_aliases_stand_for():
    # MySQL: DELETE d FROM deductions d JOIN ... deletes rows of deductions; "d" is no table
    delete = analyse_sql("DELETE d FROM deductions d LEFT JOIN payment_runs r "
                         "ON r.id = d.run_id WHERE d.id = %s", dialect="mysql")
    assert (delete.writes, delete.reads) == (((None, "deductions"),), ((None, "payment_runs"),))


@pytest.mark.parametrize("sql, written", [
    ("MERGE INTO stock s USING deliveries d ON s.id = d.id "
     "WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty", "stock"),
    ("REPLACE INTO settings (k, v) VALUES (%s, %s)", "settings"),
    ("INSERT INTO tags (name) VALUES ('x') ON CONFLICT (name) DO UPDATE SET name = 'y'", "tags"),
    ("INSERT INTO tags (name) VALUES ('x') ON DUPLICATE KEY UPDATE name = 'y'", "tags"),
    ("TRUNCATE TABLE logs", "logs"),
    ("SELECT * FROM accounts WHERE id = 1 FOR UPDATE", "accounts"),
])
def test_write_statements_report_their_target(sql, written):
    assert (None, written) in analyse_sql(sql).writes


def test_for_update_of_locks_only_the_named_table():
    use = analyse_sql("SELECT * FROM accounts a JOIN owners o ON o.id = a.owner_id "
                      "FOR UPDATE OF a")
    assert use.writes == ((None, "accounts"),)
    assert (None, "owners") in use.reads


def test_value_placeholders_of_every_driver_style_are_accepted():
    sql = ("SELECT * FROM shop.orders WHERE a = %s AND b = %(name)s AND c = ? AND d = :uid "
           "AND e = $1 AND f = {} AND g = {limit}")
    use = analyse_sql(sql)
    assert use.error is None
    assert use.reads == (("shop", "orders"),)


def test_placeholder_tables_are_dropped_and_attribute_tables_kept():
    use = analyse_sql("INSERT INTO __attr_table__ SELECT * FROM __placeholder__")
    assert use.writes == ((None, "__attr_table__"),)
    assert use.reads == ()


def test_several_statements_are_all_read():
    use = analyse_sql("INSERT INTO a (x) VALUES (1); DELETE FROM b WHERE y = 2")
    assert use.writes == ((None, "a"), (None, "b"))


def test_create_table_in_code_is_returned_as_a_table():
    use = analyse_sql("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, "
                      "name TEXT NOT NULL)")
    (table,) = use.tables
    assert table.name == "users" and table.primary_key == ("id",)
    assert [c.name for c in table.columns] == ["id", "name"]
    assert use.reads == use.writes == ()


def test_mysql_and_tsql_quoting_fall_back_to_their_dialects():
    assert analyse_sql("SELECT `a` FROM `orders`").reads == ((None, "orders"),)
    assert analyse_sql("SELECT TOP 10 * FROM [dbo].[Orders]").reads == (("dbo", "orders"),)


def test_unparsable_sql_reports_why():
    use = analyse_sql("SELECT * FROM orders WHERE")
    assert use.reads == ((None, "orders"),) and use.error.startswith("Required keyword")
    nothing = analyse_sql("SELECT * FROM WHERE ((")
    assert nothing.reads == nothing.writes == () and "verbs" not in nothing.error


def test_prose_is_not_sql():
    assert analyse_sql("Select a file from the list.") is None


def test_unknown_dialect_suggests_the_closest_name():
    with pytest.raises(ValueError, match="postgres"):
        analyse_sql("SELECT 1 FROM t", dialect="postgress")


# ---------------------------------------------------------------- splitting


def test_split_keeps_separators_inside_quotes_comments_and_dollar_bodies():
    text = ("SELECT ';' FROM a; -- x; y\nSELECT 2 /* ; */ FROM b;\n"
            "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END $body$ LANGUAGE "
            "plpgsql;")
    parts = split_statements(text)
    assert [p.line for p in parts] == [1, 2, 3]
    assert parts[2].text.endswith("plpgsql")


def test_placeholders_inside_strings_and_casts_are_left_alone():
    assert replace_placeholders("SELECT '%s', x::int FROM t WHERE a = %s") == (
        "SELECT '%s', x::int FROM t WHERE a =  __placeholder__ ")


# ---------------------------------------------------------------- parse_sql_file


def test_table_columns_keys_defaults_and_nullability():
    sql = """
        CREATE TABLE shop.orders (
            id serial PRIMARY KEY,
            customer_id int NOT NULL REFERENCES shop.customers (id),
            status varchar(20) DEFAULT 'new',
            CONSTRAINT fk_cart FOREIGN KEY (cart_id) REFERENCES carts
        );
    """
    (table,) = parse_sql_file(sql, "schema.sql").tables
    assert (table.schema, table.name, table.source) == ("shop", "orders", "schema.sql:2")
    assert table.primary_key == ("id",)
    columns = {c.name: c for c in table.columns}
    assert columns["id"].primary_key and not columns["id"].nullable
    assert not columns["customer_id"].nullable and columns["status"].nullable
    assert columns["status"].default == "'new'" and columns["status"].type == "VARCHAR(20)"
    refs = {(fk.columns, fk.ref_schema, fk.ref_table, fk.ref_columns) for fk in
            table.foreign_keys}
    assert refs == {(("customer_id",), "shop", "customers", ("id",)),
                    (("cart_id",), None, "carts", ())}


def test_create_then_alter_is_merged_into_one_table():
    sql = """CREATE TABLE orders (id int);
ALTER TABLE orders ADD COLUMN total numeric(10, 2) NOT NULL DEFAULT 0;
ALTER TABLE ONLY orders ADD CONSTRAINT orders_pkey PRIMARY KEY (id);
ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);
CREATE UNIQUE INDEX orders_total_idx ON orders (total);
ALTER TABLE orders OWNER TO admin;
"""
    facts = parse_sql_file(sql, "m.sql")
    (table,) = facts.tables
    assert [c.name for c in table.columns] == ["id", "total"]
    assert table.primary_key == ("id",) and table.source == "m.sql:1"
    assert table.foreign_keys[0].ref_table == "users"
    assert table.indexes[0].unique and table.indexes[0].columns == ("total",)
    assert facts.statements == 6 and facts.problems == ()


def test_create_schema_elements_belong_to_that_schema():
    sql = """CREATE SCHEMA person
  CREATE TABLE address (id int PRIMARY KEY, city text)
  CREATE VIEW v_address AS SELECT id FROM address;
"""
    tables = {t.qualified: t for t in parse_sql_file(sql, "s.sql").tables}
    assert set(tables) == {"person.address", "person.v_address"}
    assert tables["person.v_address"].kind == "view"


def test_views_and_materialized_views_list_their_sources():
    sql = """CREATE VIEW order_totals AS
  WITH paid AS (SELECT * FROM payments) SELECT o.id, sum(p.amount) AS total
  FROM orders o JOIN paid p ON p.order_id = o.id GROUP BY o.id;
CREATE MATERIALIZED VIEW sales.by_day AS SELECT day FROM sales.orders WITH NO DATA;
"""
    views = {t.qualified: t for t in parse_sql_file(sql, "v.sql").tables}
    assert views["order_totals"].reads == ("orders", "payments")
    assert [c.name for c in views["order_totals"].columns] == ["id", "total"]
    assert views["sales.by_day"].kind == "view"
    assert views["sales.by_day"].reads == ("sales.orders",)


def test_plpgsql_function_body_reads_and_writes_through_control_flow():
    sql = """CREATE OR REPLACE FUNCTION billing.close_order(p_id int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE v_total numeric;
BEGIN
    SELECT sum(amount) INTO v_total FROM payments WHERE order_id = p_id;
    IF EXISTS (SELECT 1 FROM refunds WHERE order_id = p_id) THEN
        UPDATE orders SET status = 'refunded' WHERE id = p_id;
    ELSE
        INSERT INTO ledger (order_id, total) VALUES (p_id, v_total);
    END IF;
    FOR r IN SELECT * FROM order_items WHERE order_id = p_id LOOP
        PERFORM notify(r.id);
    END LOOP;
END;
$$;
"""
    (routine,) = parse_sql_file(sql, "f.sql").routines
    assert (routine.name, routine.kind) == ("billing.close_order", "function")
    assert routine.reads == ("order_items", "payments", "refunds")
    assert routine.writes == ("ledger", "orders")


def test_mysql_delimiter_blocks_hold_triggers_and_procedures():
    sql = """DELIMITER ;;
CREATE TRIGGER `ins_film` AFTER INSERT ON `film` FOR EACH ROW BEGIN
    INSERT INTO film_text (film_id) VALUES (new.film_id);
END;;
DELIMITER ;
DELIMITER //
CREATE PROCEDURE rewards(IN p_min INT)
BEGIN
    SELECT customer_id FROM payment GROUP BY customer_id HAVING count(*) > p_min;
END //
DELIMITER ;
CREATE TABLE film (film_id INT PRIMARY KEY) ENGINE=InnoDB;
"""
    facts = parse_sql_file(sql, "sakila.sql")
    routines = {r.name: r for r in facts.routines}
    assert routines["ins_film"].kind == "trigger"
    assert routines["ins_film"].on_table == "film"
    assert routines["ins_film"].writes == ("film_text",)
    assert routines["rewards"].reads == ("payment",)
    assert [t.name for t in facts.tables] == ["film"]
    assert facts.tables[0].source == "sakila.sql:12"


def test_sqlite_trigger_body_keeps_its_semicolons():
    sql = """CREATE TRIGGER touch AFTER UPDATE ON actor BEGIN
  UPDATE actor SET last_update = CASE WHEN 1 THEN DATETIME('NOW') END WHERE rowid = new.rowid;
END;
CREATE TABLE actor (actor_id INTEGER PRIMARY KEY);
"""
    facts = parse_sql_file(sql, "s.sql")
    assert [(r.name, r.writes) for r in facts.routines] == [("touch", ("actor",))]
    assert [t.name for t in facts.tables] == ["actor"]


def test_tsql_go_batches_and_statements_without_semicolons():
    sql = """CREATE TABLE [dbo].[Album] (
    [AlbumId] INT NOT NULL,
    [ArtistId] INT NOT NULL,
    CONSTRAINT [PK_Album] PRIMARY KEY CLUSTERED ([AlbumId])
)
CREATE TABLE [dbo].[Artist] ([ArtistId] INT NOT NULL, PRIMARY KEY NONCLUSTERED ([ArtistId]))
GO
ALTER TABLE [dbo].[Album] ADD CONSTRAINT [DF_x] DEFAULT (0) FOR [ArtistId]
GO
CREATE PROCEDURE dbo.touch AS
BEGIN
    UPDATE dbo.Album SET ArtistId = 1;
    SELECT * FROM dbo.Artist
END
GO
"""
    facts = parse_sql_file(sql, "c.sql")
    tables = {t.name: t for t in facts.tables}
    assert tables["album"].primary_key == ("albumid",)
    assert tables["artist"].primary_key == ("artistid",)
    assert tables["artist"].source == "c.sql:6"
    assert {c.name: c.default for c in tables["album"].columns}["artistid"] == "(0)"
    (routine,) = facts.routines
    assert (routine.kind, routine.writes, routine.reads) == (
        "procedure", ("dbo.album",), ("dbo.artist",))
    assert facts.problems == ()


def test_oracle_slash_lines_end_plsql_blocks():
    sql = """CREATE OR REPLACE TRIGGER actor_upd BEFORE UPDATE ON actor FOR EACH ROW
BEGIN
  INSERT INTO actor_audit (id) VALUES (:OLD.actor_id);
END;
/
CREATE TABLE actor (actor_id NUMBER NOT NULL, CONSTRAINT pk_actor PRIMARY KEY (actor_id));
"""
    facts = parse_sql_file(sql, "o.sql")
    assert [(r.name, r.on_table, r.writes) for r in facts.routines] == [
        ("actor_upd", "actor", ("actor_audit",))]
    assert facts.tables[0].primary_key == ("actor_id",)


def test_unreadable_statement_is_a_problem_and_the_rest_still_counts():
    sql = """CREATE TABLE a (id int);
CREATE TABLE b (id int DEFAULT);
CREATE TABLE c (id int);
"""
    facts = parse_sql_file(sql, "x.sql")
    assert [t.name for t in facts.tables] == ["a", "c"]
    assert [(p.file, p.line) for p in facts.problems] == [("x.sql", 2)]
    assert facts.problems[0].reason


def test_data_and_psql_meta_commands_are_counted_not_parsed():
    sql = r"""\connect shop
INSERT INTO orders VALUES (1, 'it''s; fine');
COPY orders FROM stdin;
CREATE TABLE orders (id int);
"""
    facts = parse_sql_file(sql, "dump.sql")
    assert facts.statements == 3
    assert [t.name for t in facts.tables] == ["orders"]
    assert facts.tables[0].source == "dump.sql:4"


def test_dropped_table_is_forgotten():
    sql = "CREATE TABLE tmp (id int); CREATE TABLE keep (id int); DROP TABLE IF EXISTS tmp;"
    assert [t.name for t in parse_sql_file(sql, "d.sql").tables] == ["keep"]


def test_output_is_deterministic_and_sorted():
    sql = "CREATE TABLE zeta (id int); CREATE TABLE alpha (id int); CREATE VIEW mid AS " \
          "SELECT id FROM zeta;"
    first = parse_sql_file(sql, "o.sql")
    assert [t.name for t in first.tables] == ["alpha", "mid", "zeta"]
    assert first == parse_sql_file(sql, "o.sql")


def test_unknown_dialect_for_a_file_raises_with_suggestion():
    with pytest.raises(ValueError, match="mysql"):
        parse_sql_file("CREATE TABLE t (id int);", "t.sql", dialect="mysq")


def test_a_table_with_elements_sqlglot_cannot_read_keeps_the_rest_and_says_what_it_lost():
    # WideWorldImporters: dynamic data masking and an inline columnstore index (and
    # AdventureWorks' ROWGUIDCOL, which is only dropped)
    sql = """CREATE TABLE [Purchasing].[Suppliers] (
    [SupplierID]      INT NOT NULL,
    [BankAccountName] NVARCHAR (50) MASKED WITH (FUNCTION = 'default()') NULL,
    [CityID]          INT NOT NULL,
    [rowguid]         UNIQUEIDENTIFIER ROWGUIDCOL NOT NULL,
    CONSTRAINT [PK_Suppliers] PRIMARY KEY CLUSTERED ([SupplierID] ASC),
    CONSTRAINT [FK_Cities] FOREIGN KEY ([CityID]) REFERENCES [Application].[Cities] ([CityID])
)
GO
CREATE TABLE [Application].[Logs] (
    [Message] NVARCHAR (4000) NOT NULL,
    INDEX CCX_Application_Logs CLUSTERED COLUMNSTORE
)
GO
"""
    facts = parse_sql_file(sql, "w.sql", "tsql")
    tables = {t.name: t for t in facts.tables}
    assert [c.name for c in tables["suppliers"].columns] == ["supplierid", "cityid", "rowguid"]
    assert tables["suppliers"].primary_key == ("supplierid",)
    assert [(fk.ref_schema, fk.ref_table) for fk in tables["suppliers"].foreign_keys] == [
        ("application", "cities")]
    assert [c.name for c in tables["logs"].columns] == ["message"]
    lost = [p.reason for p in facts.problems]
    assert len(lost) == 2 and "read without 1 element(s)" in lost[0]
    assert "BankAccountName" in lost[0] and "COLUMNSTORE" in lost[1]


def test_a_create_table_as_select_is_never_taken_apart():
    facts = parse_sql_file("CREATE TABLE t AS SELECT f(a, b) FROM x WITH NONSENSE;", "s.sql")
    assert [t.name for t in facts.tables] == [] and len(facts.problems) == 1


def test_comments_in_a_table_taken_apart_cost_nothing_more():
    sql = """CREATE TABLE u (
      x INT -- first
    , y NVARCHAR (5) MASKED WITH (FUNCTION = 'default()') NULL
    , z INT -- third
    , w INT
)
GO
"""
    (table,) = parse_sql_file(sql, "s.sql", "tsql").tables
    assert [c.name for c in table.columns] == ["x", "z", "w"]
