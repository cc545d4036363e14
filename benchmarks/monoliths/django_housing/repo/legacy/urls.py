from django.conf.urls import url

from legacy import views

app_name = "legacy"

urlpatterns = [
    url(r"^$", views.WorkOrderListView.as_view(), name="workorder_list"),
    url(r"^new/$", views.workorder_create, name="workorder_create"),
    url(r"^mine/$", views.my_workorders, name="my_workorders"),
    url(r"^queue/$", views.technician_queue, name="tech_queue"),
    url(r"^export\.csv$", views.workorders_csv, name="workorders_csv"),
    url(r"^(?P<pk>\d+)/$", views.workorder_detail, name="workorder_detail"),
    url(r"^(?P<pk>\d+)/update/$", views.workorder_update, name="workorder_update"),
    url(r"^(?P<pk>\d+)/assign/$", views.assign_workorder, name="workorder_assign"),
    url(r"^(?P<pk>\d+)/note/$", views.add_workorder_note, name="workorder_note"),
    url(r"^(?P<pk>\d+)/parts/$", views.record_parts, name="workorder_parts"),
    url(r"^inspections/new/$", views.InspectionCreateView.as_view(), name="inspection_create"),
    url(r"^inspections/(?P<pk>\d+)/$", views.inspection_detail, name="inspection_detail"),
    url(r"^keys/$", views.key_list, name="key_list"),
    url(r"^keys/issue/$", views.issue_key_view, name="key_issue"),
    url(r"^keys/loans/(?P<loan_id>\d+)/return/$", views.return_key_view, name="key_return"),
    url(r"^keys/loans/(?P<loan_id>\d+)/lost/$", views.report_lost_key, name="key_lost"),
    url(r"^keys/resident/(?P<resident_id>\d+)\.json$", views.resident_keys_json, name="resident_keys"),
    url(r"^locks/$", views.lock_change_list, name="lock_changes"),
    url(r"^locks/(?P<pk>\d+)/complete/$", views.complete_lock_change, name="lock_change_complete"),
]
