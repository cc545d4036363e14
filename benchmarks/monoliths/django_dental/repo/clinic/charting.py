import logging

from django.db import transaction
from django.utils import timezone

from clinic.helpers import is_valid_tooth, normalise_surfaces
from clinic.models import ChartEntry, ClinicalNote

log = logging.getLogger(__name__)


def current_chart(patient):
    """Latest state per tooth: {tooth: [entries]} for existing + completed work and conditions."""
    chart = {}
    for e in (ChartEntry.objects.filter(patient=patient).exclude(status='planned')
              .select_related('procedure').order_by('entry_date')):
        chart.setdefault(e.tooth or 'general', []).append(e)
    return chart


def add_chart_entry(patient, procedure=None, tooth='', surfaces='', status='planned', dentist=None,
                    appointment=None, condition_code='', notes=''):
    if tooth and not is_valid_tooth(tooth):
        raise ValueError('invalid tooth %s' % tooth)
    if procedure and procedure.requires_tooth and not tooth:
        raise ValueError('%s needs a tooth' % procedure.code)
    return ChartEntry.objects.create(patient=patient, procedure=procedure, tooth=str(tooth).upper(),
                                     surfaces=normalise_surfaces(surfaces), status=status, dentist=dentist,
                                     appointment=appointment, condition_code=condition_code, notes=notes)


@transaction.atomic
def complete_procedure(entry, dentist, appointment=None):
    """Mark a planned chart entry as done. Knock-on effects: plan item, stock, invoice line."""
    from core.services import mark_plan_item_done
    from misc.stock import consume_for_procedure
    entry.status = 'completed'
    entry.completed_at = timezone.now()
    entry.dentist = dentist
    if appointment is not None:
        entry.appointment = appointment
    entry.save()
    mark_plan_item_done(entry)
    if entry.procedure_id:
        practice = appointment.practice if appointment else dentist.practice
        try:
            consume_for_procedure(entry.procedure, practice, reference='chart:%s' % entry.pk)
        except Exception:
            log.exception('stock deduction failed for chart entry %s', entry.pk)
    return entry


def note_from_template(template_name, **ctx):
    templates = {
        'exam': 'Comprehensive exam. MH reviewed, no changes. EO/IO: {findings}. OH: {oh}.',
        'prophy': 'Adult prophy. Calculus: {calculus}. Bleeding: {bleeding}. OHI given.',
        'resto': 'LA: {la}. Tooth #{tooth} {surfaces} prepared, {material} placed. Occlusion checked.',
        'ext': 'LA: {la}. #{tooth} extracted, sockets irrigated, post-op instructions given verbally and written.',
    }
    return templates.get(template_name, '').format_map(_SafeDict(ctx))


class _SafeDict(dict):
    def __missing__(self, key):
        return '___'


def create_note(patient, author, body, appointment=None, template_used=''):
    return ClinicalNote.objects.create(patient=patient, author=author, body=body, appointment=appointment,
                                       template_used=template_used)


def amend_note(note, author, new_body):
    if not note.signed:
        note.body = new_body
        note.save(update_fields=['body'])
        return note
    return ClinicalNote.objects.create(patient=note.patient, appointment=note.appointment, author=author,
                                       body=new_body, amended_from=note)
