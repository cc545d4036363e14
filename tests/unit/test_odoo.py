"""Odoo and OpenERP: tables from model classes, and their uses through the registry."""

from __future__ import annotations

import ast
import textwrap

from decomposer.ingest.odoo import extract_odoo
from tests.unit.test_resolve import build

# Two addons as Odoo writes them (new API), and a third as OpenERP 7 did (old API).
ADDONS = {
    "addons/sale/models/sale_order.py": """
        from odoo import api, fields, models


        class SaleOrder(models.Model):
            _name = "sale.order"
            _inherit = ["mail.thread"]

            name = fields.Char(size=64, required=True)
            partner_id = fields.Many2one("res.partner", string="Customer")
            line_ids = fields.One2many("sale.order.line", "order_id")
            tag_ids = fields.Many2many("crm.tag")
            amount_shown = fields.Monetary(compute="_compute_amount")
            amount_total = fields.Monetary(compute="_compute_amount", store=True)

            def action_confirm(self):
                self.env["stock.picking"].sudo().create({"origin": self.name})
                return self.env["crm.tag"].search([])


        class SaleOrderLine(models.Model):
            _name = "sale.order.line"

            order_id = fields.Many2one(comodel_name="sale.order")
            price = fields.Float()


        class StockPicking(models.Model):
            _inherit = "stock.picking"

            sale_id = fields.Many2one("sale.order")


        class SaleReportMixin(models.AbstractModel):
            _name = "sale.report.mixin"

            period = fields.Char()
    """,
    "addons/stock/models/stock.py": """
        from odoo import fields, models


        class StockPicking(models.Model):
            _name = "stock.picking"
            _table = "stock_pickings"

            origin = fields.Char()


        class SaleOrder(models.Model):
            _inherit = "sale.order"

            picking_count = fields.Integer()

            def _create_pickings(self):
                self.env["stock.picking"].search([]).write({"origin": "x"})
    """,
    "addons/crm/crm.py": """
        from openerp.osv import fields, osv


        class crm_tag(osv.osv):
            _name = 'crm.tag'
            _inherits = {'res.partner': 'partner_id'}
            _columns = {
                'name': fields.char('Name', size=32),
                'user_id': fields.many2one('res.users', 'Owner'),
                'partner_id': fields.many2one('res.partner', required=True),
                'score': fields.function(lambda *a: 0, type='integer'),
            }

            def tag_orders(self, cr, uid, ids, context=None):
                orders = self.pool.get('sale.order')
                order_ids = orders.search(cr, uid, [])
                self.pool['sale.order'].write(cr, uid, order_ids, {})
    """,
}


def _tables(facts):
    return {t.name: t for t in facts.schema.tables}


def _accesses(facts, source):
    return sorted({(a.table, a.mode) for a in facts.accesses if a.source == source})


def test_model_classes_make_tables_with_their_stored_fields_and_keys(tmp_path):
    # before: an Odoo code base had no table at all (and its models.Model classes were
    # taken for SQLAlchemy's)
    tables = _tables(build(tmp_path, ADDONS))
    order = tables["sale_order"]
    assert order.defined_by == "addons.sale.models.sale_order:SaleOrder"
    # computed fields have no column unless stored; one2many is the other side's key;
    # the stock addon's _inherit adds its column to the same table
    assert [c.name for c in order.columns] == [
        "id", "name", "partner_id", "amount_total", "picking_count"]
    assert {c.name: c.type for c in order.columns}["name"] == "VARCHAR(64)"
    assert [(fk.columns, fk.ref_table) for fk in order.foreign_keys] == [
        (("partner_id",), "res_partner")]
    assert [(fk.columns, fk.ref_table) for fk in tables["sale_order_line"].foreign_keys] == [
        (("order_id",), "sale_order")]
    # Odoo's default name and columns for a many2many link table
    link = tables["crm_tag_sale_order_rel"]
    assert {(fk.columns, fk.ref_table) for fk in link.foreign_keys} == {
        (("sale_order_id",), "sale_order"), (("crm_tag_id",), "crm_tag")}
    # _table names the table; the sale addon's _inherit of the model adds to that one
    assert "stock_picking" not in tables
    assert [c.name for c in tables["stock_pickings"].columns] == ["id", "origin", "sale_id"]
    assert tables["stock_pickings"].defined_by == "addons.stock.models.stock:StockPicking"
    assert "sale_report_mixin" not in tables  # an abstract model has no table


def test_openerp_columns_and_delegation_make_tables_too(tmp_path):
    tag = _tables(build(tmp_path, ADDONS))["crm_tag"]
    assert tag.defined_by == "addons.crm.crm:crm_tag"
    assert [c.name for c in tag.columns] == ["id", "name", "user_id", "partner_id"]
    assert sorted((fk.columns, fk.ref_table) for fk in tag.foreign_keys) == [
        (("partner_id",), "res_partner"), (("user_id",), "res_users")]  # the key once


def test_code_reaches_models_by_name_through_env_and_pool(tmp_path):
    facts = build(tmp_path, ADDONS)
    assert _accesses(facts, "addons.sale.models.sale_order:SaleOrder") == [
        ("crm_tag", "read"), ("stock_pickings", "write")]  # by the name _table gives
    assert _accesses(facts, "addons.crm.crm:crm_tag") == [
        ("sale_order", "read"), ("sale_order", "write")]
    # a class that extends another addon's model writes into its table
    assert ("sale_order", "write") in _accesses(facts, "addons.stock.models.stock:SaleOrder")
    assert _accesses(facts, "addons.sale.models.sale_order:StockPicking") == [
        ("stock_pickings", "write")]
    evidence = {a.evidence for a in facts.accesses if a.table == "stock_pickings"}
    assert "env['stock.picking'].sudo(...).create(...)" in evidence


def test_a_write_anywhere_in_the_chain_is_a_write():
    text = textwrap.dedent("""
        from odoo import models

        def archive(env, ids):
            env["sale.order"].browse(ids).sudo().write({"active": False})
            env["sale.order"].search_count([])
            env.ref("sale.action_orders")
            env[model_name].unlink()
    """)
    _, uses = extract_odoo(ast.parse(text), module="m", path="m.py")
    assert [(u.table, u.mode) for u in uses] == [("sale_order", "write"), ("sale_order", "read")]


def test_models_of_other_frameworks_are_left_to_the_orm_reader(tmp_path):
    facts = build(tmp_path, {"shop/models.py": """
        from django.db import models

        class Order(models.Model):
            _name = "order"
            total = models.DecimalField(max_digits=8, decimal_places=2)
    """})
    assert set(_tables(facts)) == {"shop_order"}


def test_of_two_models_sharing_a_table_the_first_written_defines_it(tmp_path):
    # the second sits past line 9: as text, "x.py:12" sorted before "x.py:5"
    facts = build(tmp_path, {"base/models/ir_actions.py": """
        from odoo import fields, models


        class IrActions(models.Model):
            _name = "ir.actions.actions"
            _table = "ir_actions"
            name = fields.Char()


        class IrActionsActWindowclose(models.Model):
            _name = "ir.actions.act_window_close"
            _inherit = "ir.actions.actions"
            _table = "ir_actions"
    """})
    assert _tables(facts)["ir_actions"].defined_by == "base.models.ir_actions:IrActions"
