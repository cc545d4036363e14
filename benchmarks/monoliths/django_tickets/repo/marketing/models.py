from django.db import models

from common.models import TimeStampedModel


class MailingList(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    is_public = models.BooleanField(default=True)

    def __str__(self):
        return self.name


class Subscriber(TimeStampedModel):
    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=80, blank=True)
    lists = models.ManyToManyField(MailingList, blank=True, related_name="subscribers")
    unsubscribe_token = models.CharField(max_length=32, unique=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=20, default="web")

    def __str__(self):
        return self.email


class Campaign(TimeStampedModel):
    STATUS = [("draft", "Draft"), ("scheduled", "Scheduled"), ("sending", "Sending"), ("sent", "Sent")]

    name = models.CharField(max_length=150)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    event = models.ForeignKey("core.Event", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="campaigns")
    mailing_list = models.ForeignKey(MailingList, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=STATUS, default="draft")
    send_at = models.DateTimeField(null=True, blank=True)
    target_past_buyers = models.BooleanField(default=False)

    def __str__(self):
        return self.name


class CampaignSend(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sends")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE)
    sent_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        unique_together = [("campaign", "subscriber")]
