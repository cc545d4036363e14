
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from shop import fuel, pos, stock
from shop.forms import CheckoutForm, FuelSaleForm, StockAdjustForm
from shop.models import FuelPrice, FuelSale, FuelTank, Product, Sale
from utils.decorators import ajax_only, staff_required


@staff_required
def product_list(request):
    q = request.GET.get('q', '')
    qs = Product.objects.filter(active=True).select_related('category')
    if q:
        qs = qs.filter(name__icontains=q) | qs.filter(sku__icontains=q)
    return render(request, 'shop/product_list.html', {'products': qs.order_by('name')[:300], 'q': q})


@staff_required
def pos_screen(request, sale_id=None):
    sale = get_object_or_404(Sale, pk=sale_id) if sale_id else pos.open_sale(request.user, request.session.get('till', 'T1'))
    return render(request, 'shop/pos.html', {'sale': sale, 'checkout': CheckoutForm()})


@staff_required
@ajax_only
def pos_add_line(request, sale_id):
    sale = get_object_or_404(Sale, pk=sale_id)
    product = pos.scan_product(request.POST.get('code', ''))
    if product is None:
        return JsonResponse({'error': 'not found'}, status=404)
    pos.add_to_sale(sale, product, qty=int(request.POST.get('qty', 1)))
    return JsonResponse({'total': str(sale.total), 'line': product.name})


@staff_required
@require_POST
def pos_checkout(request, sale_id):
    sale = get_object_or_404(Sale, pk=sale_id)
    form = CheckoutForm(request.POST)
    if form.is_valid():
        sale.owner = form.cleaned_data.get('owner')
        try:
            pos.finish_sale(sale, form.cleaned_data['payment_method'])
        except pos.SaleError as e:
            messages.error(request, str(e))
            return redirect('pos_screen', sale_id=sale.pk)
        return redirect('receipt', sale_id=sale.pk)
    return redirect('pos_screen', sale_id=sale.pk)


@staff_required
def receipt(request, sale_id):
    sale = get_object_or_404(Sale, pk=sale_id)
    return render(request, 'shop/receipt.html', {'sale': sale, 'fuel': FuelSale.objects.filter(sale=sale)})


@staff_required
def stock_take(request):
    form = StockAdjustForm(request.POST or None)
    if form.is_valid():
        stock.adjust_stock(form.cleaned_data['product'], form.cleaned_data['qty'], 'adjust',
                           form.cleaned_data.get('reference', ''), request.user)
        return redirect('stock_take')
    return render(request, 'shop/stock_take.html', {'form': form, 'value': stock.stock_value()})


@staff_required
def fuel_screen(request):
    tanks = FuelTank.objects.all()
    levels = {t.pk: fuel.tank_level(t) for t in tanks}
    today = FuelSale.objects.filter(at__date=timezone.localdate()).select_related('tank').order_by('-at')
    return render(request, 'shop/fuel.html', {'tanks': tanks, 'levels': levels, 'sales': today, 'form': FuelSaleForm()})


@staff_required
def fuel_sale_create(request):
    form = FuelSaleForm(request.POST or None)
    if form.is_valid():
        fs = fuel.record_fuel_sale(form.cleaned_data['tank'], form.cleaned_data['litres'], form.cleaned_data.get('owner'),
                                   form.cleaned_data.get('boat_name', ''), form.cleaned_data.get('propulsion_pct'))
        if request.POST.get('to_till'):
            sale = pos.open_sale(request.user, owner=fs.owner)
            fs.sale = sale
            fs.save()
            return redirect('pos_screen', sale_id=sale.pk)
        messages.success(request, 'Fuel sale %s recorded' % fs.total)
    return redirect('fuel_screen')


@staff_required
def fuel_prices(request):
    if request.method == 'POST':
        for ft in ('diesel', 'red', 'petrol'):
            if request.POST.get(ft):
                fuel.set_price(ft, request.POST[ft], request.user)
        return redirect('fuel_prices')
    prices = FuelPrice.objects.order_by('-effective_from')[:30]
    return render(request, 'shop/fuel_prices.html', {'prices': prices})

