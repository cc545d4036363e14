import datetime

from peewee import (BooleanField, CharField, DateField, DateTimeField,
                    ForeignKeyField, IntegerField, TextField)

from bakery.db import BaseModel


class LoyaltyMember(BaseModel):
    first_name = CharField()
    last_name = CharField(null=True)
    email = CharField(null=True, index=True)
    mobile = CharField(null=True)
    postcode = CharField(null=True)
    birthday = DateField(null=True)
    marketing_opt_in = BooleanField(default=False)
    home_shop_id = IntegerField(null=True)
    tier = CharField(default="crumb")  # crumb / loaf / golden
    joined_on = DateField(default=datetime.date.today)
    closed = BooleanField(default=False)

    class Meta:
        table_name = "loyalty_members"


class LoyaltyCard(BaseModel):
    member = ForeignKeyField(LoyaltyMember, backref="cards", null=True)
    number = CharField(unique=True, max_length=10)
    issued_at_shop_id = IntegerField(null=True)
    activated = BooleanField(default=False)
    blocked = BooleanField(default=False)

    class Meta:
        table_name = "loyalty_cards"


class PointsEntry(BaseModel):
    member = ForeignKeyField(LoyaltyMember, backref="points")
    card = ForeignKeyField(LoyaltyCard, null=True)
    sale_id = IntegerField(null=True)  # sales.id
    points = IntegerField()
    kind = CharField(default="earn")  # earn / redeem / expire / adjust / bonus
    note = TextField(null=True)
    occurred_at = DateTimeField(default=datetime.datetime.utcnow, index=True)
    expires_on = DateField(null=True)

    class Meta:
        table_name = "points_ledger"


class Reward(BaseModel):
    name = CharField()
    points_cost = IntegerField()
    product_sku = CharField(null=True)  # free item; or null for money off
    value_off = IntegerField(default=0)  # pence
    min_tier = CharField(default="crumb")
    active = BooleanField(default=True)

    class Meta:
        table_name = "rewards"


class RewardRedemption(BaseModel):
    member = ForeignKeyField(LoyaltyMember, backref="redemptions")
    reward = ForeignKeyField(Reward)
    sale_id = IntegerField(null=True)
    redeemed_at = DateTimeField(default=datetime.datetime.utcnow)
    shop_id = IntegerField(null=True)

    class Meta:
        table_name = "reward_redemptions"


LOYALTY_MODELS = [LoyaltyMember, LoyaltyCard, PointsEntry, Reward, RewardRedemption]
