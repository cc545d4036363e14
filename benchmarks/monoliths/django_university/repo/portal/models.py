from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel


class HousingApplication(TimeStampedModel):
    """Student-submitted request for a room. Allocation happens in
    academics.services.process_housing_applications (nightly)."""

    student = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='housing_applications')
    term = models.ForeignKey('academics.Term', on_delete=models.CASCADE, related_name='housing_applications')
    first_choice_hall = models.ForeignKey('academics.ResidenceHall', null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name='+')
    second_choice_hall = models.ForeignKey('academics.ResidenceHall', null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name='+')
    room_type = models.CharField(max_length=10, blank=True)
    needs_accessible = models.BooleanField(default=False)
    medical_notes = models.TextField(blank=True)
    status = models.CharField(max_length=12, default='submitted',
                              choices=(('submitted', 'Submitted'), ('allocated', 'Allocated'),
                                       ('waitlisted', 'Waitlisted'), ('withdrawn', 'Withdrawn'),
                                       ('rejected', 'Rejected')))
    priority = models.PositiveSmallIntegerField(default=5)
    allocated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = (('student', 'term'),)
        ordering = ('priority', 'created_at')


class RoomSwapRequest(TimeStampedModel):
    requester = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='room_swap_requests')
    current_assignment = models.ForeignKey('academics.RoomAssignment', on_delete=models.CASCADE,
                                           related_name='swap_requests')
    wanted_room = models.ForeignKey('academics.Room', null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name='+')
    swap_with = models.ForeignKey('main.Student', null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name='+')
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=10, default='pending',
                              choices=(('pending', 'Pending'), ('approved', 'Approved'),
                                       ('done', 'Done'), ('rejected', 'Rejected')))
    decided_at = models.DateTimeField(null=True, blank=True)
