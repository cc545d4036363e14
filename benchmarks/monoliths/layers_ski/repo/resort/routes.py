def includeme(config):
    config.add_static_view('static', 'static', cache_max_age=3600)
    config.add_route('home', '/')
    config.add_route('health', '/_health')

    # auth
    config.add_route('login', '/login')
    config.add_route('logout', '/logout')
    config.add_route('register', '/register')
    config.add_route('forgot_password', '/forgot')
    config.add_route('reset_password', '/reset/{token}')

    # guests
    config.add_route('guest_list', '/guests')
    config.add_route('guest_detail', '/guests/{id:\d+}')
    config.add_route('guest_edit', '/guests/{id:\d+}/edit')
    config.add_route('guest_waiver', '/guests/{id:\d+}/waiver')
    config.add_route('guest_loyalty', '/guests/{id:\d+}/loyalty')

    # lift tickets
    config.add_route('pass_products', '/passes')
    config.add_route('pass_quote', '/passes/quote')
    config.add_route('pass_purchase', '/passes/buy')
    config.add_route('pass_detail', '/passes/{serial}')
    config.add_route('pass_admin', '/admin/passes')
    config.add_route('pass_block', '/admin/passes/{serial}/block')
    config.add_route('pass_refund', '/admin/passes/{serial}/refund')

    # ski school
    config.add_route('lesson_calendar', '/school/calendar')
    config.add_route('lesson_book', '/school/lessons/{id:\d+}/book')
    config.add_route('enrollment_cancel', '/school/enrollments/{id:\d+}/cancel')
    config.add_route('instructor_list', '/school/instructors')
    config.add_route('instructor_detail', '/school/instructors/{id:\d+}')
    config.add_route('instructor_shifts', '/school/instructors/{id:\d+}/shifts')

    # rental shop
    config.add_route('rental_counter', '/rental')
    config.add_route('rental_new', '/rental/new')
    config.add_route('rental_return', '/rental/{id:\d+}/return')
    config.add_route('equipment_list', '/rental/equipment')
    config.add_route('tuning_queue', '/rental/tuning')

    # lodging
    config.add_route('lodging_availability', '/lodging')
    config.add_route('reservation_new', '/lodging/reservations/new')
    config.add_route('reservation_detail', '/lodging/reservations/{code}')
    config.add_route('reservation_checkin', '/lodging/reservations/{code}/checkin')
    config.add_route('reservation_checkout', '/lodging/reservations/{code}/checkout')
    config.add_route('housekeeping', '/lodging/housekeeping')
    config.add_route('package_booking', '/packages/stay-and-ski')

    # mountain ops
    config.add_route('lift_board', '/mountain/lifts')
    config.add_route('lift_toggle', '/mountain/lifts/{id:\d+}/toggle')
    config.add_route('maintenance_list', '/mountain/maintenance')
    config.add_route('maintenance_new', '/mountain/maintenance/new')
    config.add_route('snow_report', '/snow')
    config.add_route('snow_report_edit', '/mountain/snow/edit')
    config.add_route('grooming_log', '/mountain/grooming')

    # F&B
    config.add_route('pos_terminal', '/pos/{outlet}')
    config.add_route('pos_add_line', '/pos/checks/{id:\d+}/lines')
    config.add_route('pos_close', '/pos/checks/{id:\d+}/close')
    config.add_route('pos_room_charge', '/pos/checks/{id:\d+}/room')
    config.add_route('outlet_menu', '/admin/outlets/{id:\d+}/menu')

    # folios
    config.add_route('folio', '/folios/{id:\d+}')
    config.add_route('payment_capture', '/folios/{id:\d+}/pay')
    config.add_route('refund', '/payments/{id:\d+}/refund')

    # admin
    config.add_route('admin', '/admin')
    config.add_route('admin_prices', '/admin/prices')
    config.add_route('admin_promos', '/admin/promos')
    config.add_route('admin_lesson_types', '/admin/lesson-types')
    config.add_route('admin_rates', '/admin/lodging-rates')
    config.add_route('admin_users', '/admin/users')
    config.add_route('admin_rental_categories', '/admin/rental-categories')

    # reports
    config.add_route('reports', '/reports')
    config.add_route('report', '/reports/{name}')
    config.add_route('report_csv', '/reports/{name}.csv')

    # json api (mobile app + turnstiles)
    config.add_route('api_login', '/api/login')
    config.add_route('api_conditions', '/api/conditions')
    config.add_route('api_lifts', '/api/lifts')
    config.add_route('api_my_passes', '/api/me/passes')
    config.add_route('api_my_lessons', '/api/me/lessons')
    config.add_route('api_my_stays', '/api/me/reservations')
    config.add_route('api_quote', '/api/quote')
    config.add_route('api_gate_scan', '/api/gate/scan')
