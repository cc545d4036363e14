"""Core business logic.

(Historically: this is the payment and billing code. It was the "core" of the
first version of the shop, which only took payments for hand-made invoices.)
"""

PROVIDER = "paynow"
