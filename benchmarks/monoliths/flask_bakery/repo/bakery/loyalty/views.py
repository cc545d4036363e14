from flask import flash, jsonify, redirect, render_template, request, url_for

from bakery.helpers.decorators import login_required, role_required
from bakery.helpers.dbutils import get_or_404
from bakery.helpers.formatting import Paginator
from bakery.loyalty import bp
from bakery.loyalty.models import LoyaltyCard, LoyaltyMember, PointsEntry, Reward
from bakery.loyalty.points import (LoyaltyError, balance_for, new_card_number,
                                   redeem_reward)


@bp.route("/members")
@login_required
def member_list():
    q = request.args.get("q", "").strip()
    query = LoyaltyMember.select().order_by(LoyaltyMember.joined_on.desc())
    if q:
        query = query.where(
            LoyaltyMember.email.contains(q) | LoyaltyMember.last_name.contains(q) |
            LoyaltyMember.mobile.contains(q))
    page = Paginator(query, request.args.get("page", 1))
    return render_template("loyalty/members.html", page=page, q=q)


@bp.route("/members/<int:member_id>")
@login_required
def member_detail(member_id):
    member = get_or_404(LoyaltyMember, id=member_id)
    ledger = (PointsEntry.select().where(PointsEntry.member == member)
              .order_by(PointsEntry.occurred_at.desc()).limit(100))
    return render_template("loyalty/member.html", member=member, ledger=ledger,
                           balance=balance_for(member),
                           rewards=Reward.select().where(Reward.active == True))  # noqa: E712


@bp.route("/signup", methods=["GET", "POST"])
@login_required
def signup():
    if request.method == "POST":
        form = request.form
        if not form.get("first_name"):
            flash("First name is required", "error")
            return render_template("loyalty/signup.html", form=form)
        member = LoyaltyMember.create(
            first_name=form["first_name"], last_name=form.get("last_name"),
            email=(form.get("email") or "").lower() or None, mobile=form.get("mobile"),
            postcode=form.get("postcode"), marketing_opt_in=bool(form.get("opt_in")),
            home_shop_id=form.get("shop_id") or None,
        )
        number = form.get("card_number") or new_card_number()
        card = LoyaltyCard.get_or_none(LoyaltyCard.number == number)
        if card is None:
            card = LoyaltyCard.create(number=number, issued_at_shop_id=member.home_shop_id)
        card.member = member
        card.activated = True
        card.save()
        flash("Welcome to Crumb Club, %s" % member.first_name)
        return redirect(url_for("loyalty.member_detail", member_id=member.id))
    return render_template("loyalty/signup.html", form={})


@bp.route("/members/<int:member_id>/redeem", methods=["POST"])
@login_required
def redeem(member_id):
    member = get_or_404(LoyaltyMember, id=member_id)
    try:
        redeem_reward(member, int(request.form["reward_id"]),
                      shop_id=request.form.get("shop_id"))
        flash("Reward redeemed")
    except LoyaltyError as exc:
        flash(str(exc), "error")
    return redirect(url_for("loyalty.member_detail", member_id=member.id))


@bp.route("/members/<int:member_id>/adjust", methods=["POST"])
@role_required("manager")
def adjust_points(member_id):
    member = get_or_404(LoyaltyMember, id=member_id)
    PointsEntry.create(member=member, points=int(request.form["points"]), kind="adjust",
                       note=request.form.get("note") or "manual adjustment")
    return redirect(url_for("loyalty.member_detail", member_id=member.id))


@bp.route("/rewards", methods=["GET", "POST"])
@role_required("manager")
def rewards():
    if request.method == "POST":
        Reward.create(name=request.form["name"], points_cost=int(request.form["points_cost"]),
                      product_sku=request.form.get("product_sku") or None,
                      value_off=int(request.form.get("value_off") or 0),
                      min_tier=request.form.get("min_tier", "crumb"))
        return redirect(url_for("loyalty.rewards"))
    return render_template("loyalty/rewards.html", rewards=Reward.select().order_by(Reward.points_cost))


@bp.route("/cards/<number>/block", methods=["POST"])
@role_required("manager")
def block_card(number):
    updated = LoyaltyCard.update(blocked=True).where(LoyaltyCard.number == number).execute()
    return jsonify({"ok": bool(updated)})
