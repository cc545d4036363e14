def register_api(app):
    from cellar.api import (admin, compliance, customers, deliveries, invoices, orders, pricing,
                            producers, purchasing, reports, stock)
    for module in (admin, producers, purchasing, stock, customers, orders, pricing, deliveries,
                   invoices, compliance, reports):
        app.register_blueprint(module.bp)
