import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import Context, Template
from django.utils import timezone
from django.views.generic import ListView

from common.decorators import json_view, manager_required, staff_required
from common.utils import format_money, normalise_reg, run_sql
from customers import loyalty
from customers.forms import (CampaignForm, ContactNoteForm, CustomerForm, FleetAccountForm,
                             ManualPointsAdjustmentForm, RedeemPointsForm, TransferOwnershipForm, VehicleForm)
from customers.models import (Campaign, CampaignRecipient, ContactNote, Coupon, Customer, FleetAccount,
                              LoyaltyAccount, PointsTransaction, Vehicle, VehicleOwnership)

logger = logging.getLogger('garage.customers')


# ===========================================================================
# customers
# ===========================================================================

class CustomerListView(ListView):
    model = Customer
    paginate_by = 50
    template_name = 'customers/customer_list.html'

    def get_queryset(self):
        qs = Customer.objects.annotate(n_vehicles=Count('vehicles')).select_related('fleet_account')
        q = self.request.GET.get('q')
        if q:
            qs = qs.filter(Q(last_name__icontains=q) | Q(first_name__icontains=q) |
                           Q(email__icontains=q) | Q(phone__contains=q) | Q(postcode__istartswith=q))
        if self.request.GET.get('fleet'):
            qs = qs.filter(fleet_account__isnull=False)
        return qs


@staff_required
def customer_detail(request, pk):
    customer = get_object_or_404(Customer.objects.select_related('fleet_account'), pk=pk)
    vehicles = customer.vehicles.all().order_by('-updated_at')
    notes = customer.notes.select_related('author').order_by('-created_at')[:20]
    # last few jobs and invoices for the side panel -- straight from the other tables
    recent = run_sql("""
        SELECT wo.id, wo.number, wo.status, wo.opened_at, v.registration,
               i.number AS invoice_number, i.gross_total, i.status AS invoice_status
          FROM work_orders wo
          JOIN customers_vehicle v ON v.id = wo.vehicle_id
          LEFT JOIN invoices i ON i.work_order_id = wo.id
         WHERE wo.customer_id = %s
         ORDER BY wo.opened_at DESC
         LIMIT 10
    """, [customer.pk])
    loyalty_acc = LoyaltyAccount.objects.filter(customer=customer).first()
    return render(request, 'customers/customer_detail.html', {
        'customer': customer,
        'vehicles': vehicles,
        'notes': notes,
        'recent_jobs': recent,
        'loyalty': loyalty_acc,
        'note_form': ContactNoteForm(),
    })


@staff_required
def customer_create(request):
    initial = {}
    reg = request.GET.get('registration')
    form = CustomerForm(request.POST or None)
    vform = VehicleForm(request.POST or None, prefix='v', initial={'registration': reg} if reg else None)
    if request.method == 'POST' and form.is_valid():
        with transaction.atomic():
            customer = form.save()
            if request.POST.get('v-registration') and vform.is_valid():
                vehicle = vform.save(commit=False)
                vehicle.owner = customer
                vehicle.save()
                VehicleOwnership.objects.create(vehicle=vehicle, customer=customer,
                                                from_date=timezone.localdate(), mileage_at_transfer=vehicle.mileage)
        messages.success(request, 'Customer created')
        return redirect('customer-detail', pk=customer.pk)
    return render(request, 'customers/customer_form.html', {'form': form, 'vform': vform, 'initial': initial})


@staff_required
def customer_edit(request, pk):
    customer = get_object_or_404(Customer, pk=pk)
    form = CustomerForm(request.POST or None, instance=customer)
    if request.method == 'POST' and form.is_valid():
        form.save()
        return redirect('customer-detail', pk=pk)
    return render(request, 'customers/customer_form.html', {'form': form, 'customer': customer})


@manager_required
def customer_delete(request, pk):
    customer = get_object_or_404(Customer, pk=pk)
    if request.method == 'POST':
        customer.delete()  # soft delete
        messages.info(request, 'Customer archived')
        return redirect('customer-list')
    return render(request, 'customers/customer_confirm_delete.html', {'customer': customer})


@staff_required
def add_contact_note(request, pk):
    customer = get_object_or_404(Customer, pk=pk)
    form = ContactNoteForm(request.POST)
    if form.is_valid():
        note = form.save(commit=False)
        note.customer = customer
        note.author = request.user
        note.save()
        Customer.objects.filter(pk=pk).update(last_contact_at=timezone.now())
    return redirect('customer-detail', pk=pk)


@manager_required
def customer_data_export(request, pk):
    """GDPR subject access request. Dumps everything we know as JSON."""
    customer = get_object_or_404(Customer.all_objects, pk=pk)
    data = {
        'customer': {f.name: str(getattr(customer, f.name)) for f in Customer._meta.fields},
        'vehicles': list(customer.vehicles.values('registration', 'vin', 'make', 'model', 'mileage')),
        'notes': list(customer.notes.values('created_at', 'channel', 'body')),
    }
    data['invoices'] = run_sql(
        'SELECT number, issued_on, gross_total, status FROM invoices WHERE customer_id = %s', [pk])
    data['appointments'] = run_sql(
        'SELECT starts_at, service_code, status FROM common_appointment WHERE customer_id = %s', [pk])
    acc = LoyaltyAccount.objects.filter(customer=customer).first()
    if acc:
        data['loyalty'] = {
            'card_number': acc.card_number,
            'balance': acc.points_balance,
            'transactions': list(acc.transactions.values('created_at', 'kind', 'points', 'note')),
        }
    resp = HttpResponse(json.dumps(data, default=str, indent=2), content_type='application/json')
    resp['Content-Disposition'] = 'attachment; filename=customer-%s.json' % pk
    return resp


# ===========================================================================
# vehicles
# ===========================================================================

@staff_required
def vehicle_add(request, customer_pk):
    customer = get_object_or_404(Customer, pk=customer_pk)
    form = VehicleForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        vehicle = form.save(commit=False)
        vehicle.owner = customer
        vehicle.save()
        VehicleOwnership.objects.create(vehicle=vehicle, customer=customer,
                                        from_date=timezone.localdate(), mileage_at_transfer=vehicle.mileage)
        return redirect('customer-detail', pk=customer.pk)
    return render(request, 'customers/vehicle_form.html', {'form': form, 'customer': customer})


@staff_required
def vehicle_detail(request, pk):
    from shop.models import WorkOrder

    vehicle = get_object_or_404(Vehicle.objects.select_related('owner', 'manufacturer'), pk=pk)
    history = (WorkOrder.objects.filter(vehicle=vehicle)
               .select_related('technician')
               .order_by('-opened_at'))
    owners = vehicle.ownership_history.select_related('customer')
    return render(request, 'customers/vehicle_detail.html', {
        'vehicle': vehicle,
        'history': history,
        'owners': owners,
        'transfer_form': TransferOwnershipForm(),
    })


@staff_required
def transfer_vehicle(request, pk):
    vehicle = get_object_or_404(Vehicle, pk=pk)
    form = TransferOwnershipForm(request.POST)
    if form.is_valid():
        vehicle.owner = form.cleaned_data['new_owner']
        if form.cleaned_data.get('mileage'):
            vehicle.mileage = form.cleaned_data['mileage']
        vehicle.save()  # pre_save signal writes vehicle_owner_history
        messages.success(request, 'Vehicle transferred to %s' % vehicle.owner)
    return redirect('vehicle-detail', pk=pk)


@staff_required
@json_view
def vehicle_lookup_json(request):
    reg = normalise_reg(request.GET.get('reg'))
    v = Vehicle.objects.filter(registration=reg).select_related('owner').first()
    if not v:
        return {'found': False}
    return {
        'found': True,
        'id': v.pk,
        'make': v.make,
        'model': v.model,
        'mileage': v.mileage,
        'mot_due': v.mot_due.isoformat() if v.mot_due else None,
        'owner': {'id': v.owner_id, 'name': v.owner.full_name, 'phone': v.owner.phone},
    }


@staff_required
def fleet_account_list(request):
    accounts = FleetAccount.objects.annotate(n_drivers=Count('drivers')).order_by('company_name')
    return render(request, 'customers/fleet_list.html', {'accounts': accounts})


@manager_required
def fleet_account_edit(request, pk=None):
    account = get_object_or_404(FleetAccount, pk=pk) if pk else None
    form = FleetAccountForm(request.POST or None, instance=account)
    if request.method == 'POST' and form.is_valid():
        form.save()
        return redirect('fleet-list')
    return render(request, 'customers/fleet_form.html', {'form': form})


# ===========================================================================
# loyalty
# ===========================================================================

@staff_required
def loyalty_card(request, customer_pk):
    customer = get_object_or_404(Customer, pk=customer_pk)
    acc = loyalty.get_or_create_account(customer)
    txns = acc.transactions.select_related('invoice', 'campaign')[:50]
    coupons = Coupon.objects.filter(customer=customer, redeemed_at__isnull=True)
    return render(request, 'customers/loyalty_card.html', {
        'customer': customer,
        'account': acc,
        'transactions': txns,
        'coupons': coupons,
        'value': format_money(loyalty.points_to_money(acc.points_balance)),
        'redeem_form': RedeemPointsForm(),
        'adjust_form': ManualPointsAdjustmentForm(),
    })


@staff_required
def redeem_points_view(request, customer_pk):
    from core.models import Invoice

    customer = get_object_or_404(Customer, pk=customer_pk)
    form = RedeemPointsForm(request.POST)
    if form.is_valid():
        invoice = None
        if form.cleaned_data.get('invoice_number'):
            invoice = Invoice.objects.filter(number=form.cleaned_data['invoice_number'], customer=customer).first()
        try:
            amount = loyalty.redeem_points(customer.loyalty, form.cleaned_data['points'], invoice=invoice,
                                           note=form.cleaned_data.get('note', ''))
            if invoice is not None:
                from core.services import add_discount_line
                add_discount_line(invoice, amount, 'Loyalty points redeemed')
            messages.success(request, 'Redeemed %s' % format_money(amount))
        except loyalty.LoyaltyError as e:
            messages.error(request, str(e))
    return redirect('loyalty-card', customer_pk=customer_pk)


@manager_required
def adjust_points(request, customer_pk):
    customer = get_object_or_404(Customer, pk=customer_pk)
    form = ManualPointsAdjustmentForm(request.POST)
    if form.is_valid():
        acc = loyalty.get_or_create_account(customer)
        pts = form.cleaned_data['points']
        PointsTransaction.objects.create(account=acc, kind='adjust', points=pts,
                                         note='%s (%s)' % (form.cleaned_data['reason'], request.user.username))
        LoyaltyAccount.objects.filter(pk=acc.pk).update(points_balance=F('points_balance') + pts)
    return redirect('loyalty-card', customer_pk=customer_pk)


@staff_required
@json_view
def coupon_check_json(request):
    code = (request.GET.get('code') or '').upper().strip()
    c = Coupon.objects.filter(code=code).select_related('customer').first()
    if not c:
        return {'valid': False, 'reason': 'not found'}
    return {
        'valid': c.is_valid(),
        'value': str(c.value),
        'percent_off': str(c.percent_off),
        'customer_id': c.customer_id,
    }


# ===========================================================================
# campaigns (marketing)
# ===========================================================================

@manager_required
def campaign_list(request):
    campaigns = (Campaign.objects.annotate(n_recipients=Count('recipients'),
                                           n_converted=Count('recipients__converted_invoice'))
                 .order_by('-created_at'))
    return render(request, 'customers/campaign_list.html', {'campaigns': campaigns})


@manager_required
def campaign_edit(request, pk=None):
    campaign = get_object_or_404(Campaign, pk=pk) if pk else None
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == 'POST' and form.is_valid():
        c = form.save(commit=False)
        if not c.pk:
            c.created_by = request.user
        c.save()
        return redirect('campaign-list')
    return render(request, 'customers/campaign_form.html', {'form': form, 'campaign': campaign})


@manager_required
def campaign_preview(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    ids = loyalty.segment_customer_ids(campaign.segment)
    sample = Customer.objects.filter(pk__in=ids[:5])
    tpl = Template(campaign.body_template)
    previews = [(c, tpl.render(Context({'customer': c}))) for c in sample]
    return render(request, 'customers/campaign_preview.html', {
        'campaign': campaign, 'audience_size': len(ids), 'previews': previews})


@manager_required
def campaign_send_now(request, pk):
    from customers.tasks import send_campaign
    campaign = get_object_or_404(Campaign, pk=pk, sent_at__isnull=True)
    if request.method == 'POST':
        send_campaign.delay(campaign.pk)
        messages.success(request, 'Campaign queued')
    return redirect('campaign-list')


@manager_required
def campaign_stats_json(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    agg = campaign.recipients.aggregate(sent=Count('sent_at'), opened=Count('opened_at'),
                                        converted=Count('converted_invoice'))
    revenue = run_sql("""
        SELECT COALESCE(SUM(i.net_total), 0) AS revenue
          FROM customers_campaignrecipient r
          JOIN invoices i ON i.id = r.converted_invoice_id
         WHERE r.campaign_id = %s
    """, [pk])[0]['revenue']
    agg['revenue'] = str(revenue)
    return JsonResponse(agg)


def campaign_open_pixel(request, recipient_id):
    """1x1 gif in campaign emails. Public, no login."""
    CampaignRecipient.objects.filter(pk=recipient_id, opened_at__isnull=True).update(opened_at=timezone.now())
    gif = b'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,' \
          b'\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;'
    return HttpResponse(gif, content_type='image/gif')
