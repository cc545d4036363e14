"""Reading odd files: Python 2, encodings, NUL bytes, syntax newer than the interpreter."""

from __future__ import annotations

import ast
import codecs

import pytest

from decomposer.ingest.py2compat import rewrite_python2
from decomposer.ingest.source import SourceError, decode, decode_sql, parse_source, unicode_encoding


def _names(tree: ast.Module) -> list[str]:
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]


def test_modern_file_takes_the_ast_fast_path_without_warnings():
    parsed = parse_source(b"def f():\n    return 1\n", "a.py")
    assert (parsed.engine, parsed.warnings, _names(parsed.tree)) == ("ast", (), ["f"])


PYTHON2 = b"""import sys
print 'hello', name
try:
    pass
except ValueError, e:
    print >>sys.stderr, e
shown = `e`
if a <> b:
    mode = 0777
big = 10L
raw = ur'\\d+'
exec 'x = 1'
raise ValueError, 'bad'
def after():
    print
    return 1
"""


def test_python2_file_is_read_through_the_rewrite_keeping_line_numbers():
    parsed = parse_source(PYTHON2, "old.py")
    assert parsed.engine == "py2-compat"
    assert any("Python 2" in w for w in parsed.warnings)
    after = next(n for n in parsed.tree.body if isinstance(n, ast.FunctionDef))
    assert (after.name, after.lineno) == ("after", 14)
    assert parsed.text == PYTHON2.decode()  # the facts quote the file, not the rewrite


@pytest.mark.parametrize("line, expected", [
    ("print 'hi', x", "print( 'hi', x)"),
    ("print >>f, x", "print( f, x)"),
    ("x = `y`", "x = repr(y)"),
    ("if a <> b: pass", "if a != b: pass"),
    ("n = 0777", "n = 0o777"),
    ("m = 10L", "m = 10"),
    ("s = ur'a'", "s = r'a'"),
    ("exec 'x = 1'", "exec( 'x = 1')"),
    ("raise E, 'message'", "raise E( 'message')"),
    ("try: pass\nexcept Exception,e: pass", "try: pass\nexcept Exception as e: pass"),
    ("if debug: print info", "if debug: print( info)"),
    ("a = 1; print a", "a = 1; print( a)"),
    ("True = 1", "True_ = 1"),
    ("if not t: True, False = 1, 0\nf(True, False)",
     "if not t: True_, False_ = 1, 0\nf(True, False)"),
    ("def f(x, False=False): return x == False", "def f(x, False_=False): return x == False"),
    ("MAGIC = 0x950412deL", "MAGIC = 0x950412de"),
    ("def get_files((files, prefix), d, names): pass",
     "def get_files(_py2_args1, d, names): pass"),
    ("def log(self, (etype, value, tb), call_id=(1, 2)): pass",
     "def log(self, _py2_args1, call_id=(1, 2)): pass"),
    ("pairs = map(lambda (k, v): k, items)", "pairs = map(lambda _py2_args1: k, items)"),
    ("return Results(r, lambda(row): row.id)", "return Results(r, lambda _py2_args1: row.id)"),
    ("def send(jid, async=True): return c.async", "def send(jid, async_=True): return c.async_"),
])
def test_each_python2_statement_is_rewritten_on_its_own_line(line, expected):
    rewritten = rewrite_python2(line + "\n")
    assert rewritten == expected + "\n"
    ast.parse(rewritten)


def test_except_comma_becomes_except_as():
    text = "try:\n    pass\nexcept (A, B), e:\n    pass\n"
    assert "except (A, B) as e:" in rewrite_python2(text)


def test_raise_with_a_message_over_two_lines_keeps_both_lines():
    text = 'raise ValueError, "offset must be " \\\n      "a subclass"\nx = 1\n'
    rewritten = rewrite_python2(text)
    assert rewritten.splitlines()[2] == "x = 1"
    assert isinstance(ast.parse(rewritten).body[0], ast.Raise)


def test_except_with_a_tuple_target_binds_one_name():
    text = "try:\n    pass\nexcept IOError, (code, msg):  # why\n    pass\n"
    assert "except IOError as _py2_error:  # why" in rewrite_python2(text)


def test_async_stays_a_keyword_in_a_file_that_uses_it_as_one():
    text = "async def f():\n    await g()\nprint 'x'\n"
    assert "async def f():\n    await g()" in rewrite_python2(text)


def test_bare_print_is_left_alone_since_it_is_valid_python3():
    assert rewrite_python2("print\nprint  # note\nprint; x\n") is None


def test_text_without_python2_constructs_is_not_rewritten():
    assert rewrite_python2("def f(x):\n    return (x, 0, 0xff)\n") is None


def test_latin1_file_with_coding_cookie_is_decoded_by_its_cookie():
    data = "# -*- coding: latin-1 -*-\ndef café():\n    return 'naïve'\n".encode("latin-1")
    parsed = parse_source(data, "latin.py")
    assert (parsed.engine, parsed.warnings) == ("ast", ())
    assert _names(parsed.tree) == ["café"]
    assert "naïve" in parsed.text


def test_non_utf8_file_without_cookie_is_read_as_latin1_with_a_warning():
    text, warnings = decode(b"x = '\xe9t\xe9'\n")
    assert text == "x = 'été'\n"
    assert any("coding cookie" in w for w in warnings)


def test_unknown_codec_in_cookie_falls_back_to_utf8_with_a_warning():
    parsed = parse_source(b"# coding: no-such-codec\ndef f(): pass\n", "x.py")
    assert _names(parsed.tree) == ["f"]
    assert any("bad coding cookie" in w for w in parsed.warnings)


def test_nul_bytes_are_removed_counted_and_the_lines_kept():
    parsed = parse_source(b"def f():\n    return 1\x00\n\x00\ndef g(): pass\n", "nul.py")
    assert parsed.warnings == ("removed 2 NUL byte(s)",)
    assert [(n.name, n.lineno) for n in parsed.tree.body] == [("f", 1), ("g", 4)]


def test_utf8_bom_is_dropped():
    assert decode(b"\xef\xbb\xbfx = 1\n") == ("x = 1\n", ())


SQL = "CREATE TABLE orders (id int PRIMARY KEY);\r\n-- café\r\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (codecs.BOM_UTF16_LE + SQL.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + SQL.encode("utf-16-be"), "utf-16"),
    (SQL.encode("utf-16-le"), "utf-16-le"),  # no BOM: a NUL beside every ASCII character
    (SQL.encode("utf-16-be"), "utf-16-be"),
    (SQL.encode("utf-32"), "utf-32"),
    (codecs.BOM_UTF8 + SQL.encode("utf-8"), "utf-8-sig"),
    (SQL.encode("utf-8"), None),
    (SQL.encode("cp1252"), None),
])
def test_sql_scripts_are_read_in_the_encoding_their_bytes_announce(data, encoding):
    # SQL Server's tools save scripts as UTF-16 (AdventureWorks' instawdb.sql)
    assert unicode_encoding(data) == encoding
    text = decode_sql(data)
    assert text.startswith("CREATE TABLE orders (id int PRIMARY KEY);")
    assert text.endswith("caf\N{LATIN SMALL LETTER E WITH ACUTE}\r\n" if encoding
                         else "\r\n")


def test_utf16_python_file_is_read_with_a_warning():
    data = codecs.BOM_UTF16_LE + "def f():\n    return 'é'\n".encode("utf-16-le")
    parsed = parse_source(data, "wide.py")
    assert [n.name for n in parsed.tree.body] == ["f"]
    assert parsed.warnings == ("read as UTF-16: Python itself would refuse this file",)


def test_empty_file_parses_to_an_empty_module():
    parsed = parse_source(b"", "empty.py")
    assert parsed.tree.body == [] and parsed.engine == "ast"


def test_pep695_syntax_is_rewritten_with_libcst_keeping_lines():
    data = (b"def first[T](xs: list[T]) -> T:\n    return xs[0]\n\n"
            b"class Box[T]:\n    def get(self) -> T: ...\n\ntype Alias = list[int]\n")
    parsed = parse_source(data, "new.py")
    if parsed.engine == "ast":
        pytest.skip("this interpreter reads PEP 695 syntax natively")
    assert parsed.engine == "libcst"
    assert [(getattr(n, "name", None), n.lineno) for n in parsed.tree.body] == [
        ("first", 1), ("Box", 4), (None, 7)]


def test_python314_except_without_parentheses_catches_every_type_named():
    data = b"try:\n    pass\nexcept httpx.HTTPError, ValueError:\n    pass\n"
    parsed = parse_source(data, "new.py")
    if parsed.engine == "ast":
        pytest.skip("this interpreter reads PEP 758 syntax natively")
    assert parsed.engine == "py314-compat"  # modern code, not taken for Python 2
    assert "Python 2" not in " ".join(parsed.warnings)
    handler = parsed.tree.body[0].handlers[0]
    assert handler.name is None and isinstance(handler.type, ast.Tuple)
    assert [ast.unparse(t) for t in handler.type.elts] == ["httpx.HTTPError", "ValueError"]


def test_type_parameters_and_python314_except_in_one_file_are_both_read():
    data = (b"def first[T](xs: list[T]) -> T:\n    try:\n        return xs[0]\n"
            b"    except IndexError, KeyError:\n        return None\n")
    parsed = parse_source(data, "newer.py")
    if parsed.engine == "ast":
        pytest.skip("this interpreter reads PEP 695 and PEP 758 syntax natively")
    assert parsed.engine == "libcst" and _names(parsed.tree) == ["first"]


def test_syntax_error_is_raised_as_source_error_with_the_first_line():
    with pytest.raises(SourceError) as caught:
        parse_source(b"x = 1\ndef f(:\n    pass\n", "bad.py")
    assert caught.value.line == 2
    assert "syntax error" in str(caught.value)


def _read_through_libcst(data: bytes):
    parsed = parse_source(data, "new.py")
    if parsed.engine == "ast":
        pytest.skip("this interpreter reads PEP 701 f-strings natively")
    assert parsed.engine == "libcst"
    return parsed


def test_pep701_f_strings_reusing_their_quote_are_read_keeping_lines():
    data = (b"def show(names):\n"
            b"    print(f'Needed: {', '.join(sorted(names))}')\n"
            b"    return f\"{f\"{names}\"}\"\n\n"
            b"def after():\n    pass\n")
    parsed = _read_through_libcst(data)
    assert [(n.name, n.lineno) for n in parsed.tree.body] == [("show", 1), ("after", 5)]
    call = parsed.tree.body[0].body[0].value
    assert "', '.join(sorted(names))" in ast.unparse(call)


def test_pep701_backslashes_in_f_string_expressions_are_read():
    # openslides-backend: f"""...{statement.split("SET\\n")[1]}...""" failed to parse
    data = (b'def explain(statement, rows):\n'
            b'    raise ValueError(f"""{statement.split("SET\\n")[1]}\n'
            b'        {"\\t".join(rows)} {rows.count(\'\'\'a\\\nb\'\'\')}""")\n'
            b'def after():\n    pass\n')
    parsed = _read_through_libcst(data)
    # a backslash ending a line inside the expression keeps the line
    assert [(n.name, n.lineno) for n in parsed.tree.body] == [("explain", 1), ("after", 5)]
    calls = [ast.unparse(n.func) for n in ast.walk(parsed.tree) if isinstance(n, ast.Call)]
    assert {"statement.split", "'_'.join"} <= set(calls)


def test_python2_tabs_mixed_with_spaces_in_one_block_are_read_as_python2_did():
    data = (b"class Theme:\n"
            b"    def header(self):\n"
            b"        menu = 1\n"
            b"\thtml = menu\n"  # a tab: column 8, as the spaces above
            b"        return html\n")
    parsed = parse_source(data, "old.py")
    assert parsed.engine == "py2-compat"
    method = parsed.tree.body[0].body[0]
    assert [type(s).__name__ for s in method.body] == ["Assign", "Assign", "Return"]
    assert method.body[1].lineno == 4


def test_the_analysed_codes_invalid_escapes_raise_no_warning() -> None:
    # py2_wholesale's URL patterns: 7,000 DeprecationWarnings (SyntaxWarnings on stderr from
    # Python 3.12) for the person running the tool, about code that is not theirs to fix
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parsed = parse_source(b"urls = ('/order/(\\d+)', 'OrderDetail')\n", "app.py")
    assert parsed.engine == "ast"
