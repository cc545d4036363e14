"""Letters and PDFs. Templates are in the DB so marketing can change wording."""
import hashlib
import logging
import os
import smtplib
from email.mime.text import MIMEText
from string import Template

from insure.config import get_config
from insure.db import get_session
from insure.models.misc import Document, DocumentTemplate, OutboundLetter
from insure.models.party import Party
from insure.util import fmt_money, utcnow

log = logging.getLogger(__name__)


def find_template(code, language="en", session=None):
    session = session or get_session()
    q = session.query(DocumentTemplate).filter_by(code=code, active=1)
    tpl = q.filter_by(language=language).order_by(DocumentTemplate.version.desc()).first()
    return tpl or q.filter_by(language="en").order_by(DocumentTemplate.version.desc()).first()


def render(template, context):
    return Template(template.body).safe_substitute(context), Template(template.subject or "").safe_substitute(context)


def _store(owner_type, owner_id, filename, content):
    root = get_config().DOCUMENT_ROOT
    folder = os.path.join(root, owner_type, str(owner_id))
    if not os.path.isdir(folder):
        os.makedirs(folder)
    path = os.path.join(folder, filename)
    with open(path, "wb") as fh:
        fh.write(content)
    return path, hashlib.sha256(content).hexdigest()


def generate_document(code, owner_type, owner_id, context, language="en", session=None):
    session = session or get_session()
    tpl = find_template(code, language, session)
    if tpl is None:
        log.error("no template %s", code)
        return None
    body, _ = render(tpl, context)
    # "pdf" - it is html, the printing house converts it
    filename = "%s_%s.html" % (code.lower(), utcnow().strftime("%Y%m%d%H%M%S"))
    path, checksum = _store(owner_type, owner_id, filename, body.encode("utf-8"))
    doc = Document(template_code=code, owner_type=owner_type, owner_id=owner_id, filename=filename,
                   storage_path=path, mime_type="text/html", checksum=checksum)
    session.add(doc)
    session.flush()
    return doc


def queue_letter(party_id, code, owner_type, owner_id, context, channel=None, session=None):
    session = session or get_session()
    party = session.query(Party).get(party_id)
    context = dict(context, name=party.display_name if party else "")
    doc = generate_document(code, owner_type, owner_id, context,
                            language=party.preferred_language if party else "en", session=session)
    channel = channel or ("email" if party is not None and party.email else "post")
    tpl = find_template(code, session=session)
    letter = OutboundLetter(party_id=party_id, document_id=doc.id if doc else None, channel=channel,
                            recipient=party.email if channel == "email" else None,
                            subject=render(tpl, context)[1] if tpl else code, queued_at=utcnow())
    session.add(letter)
    return letter


def send_policy_schedule(policy, session=None):
    ctx = {"policy": policy.number, "start": policy.start_date.isoformat(), "end": policy.end_date.isoformat(),
           "premium": fmt_money(policy.annual_premium + (policy.tax or 0)),
           "coverages": ", ".join(c.coverage_code for c in policy.coverages)}
    return queue_letter(policy.holder_id, "POLICY_SCHEDULE", "policy", policy.id, ctx, session=session)


def send_renewal_notice(new_policy, old_policy, session=None):
    ctx = {"policy": old_policy.number, "new_start": new_policy.start_date.isoformat(),
           "old_premium": fmt_money(old_policy.annual_premium), "new_premium": fmt_money(new_policy.annual_premium)}
    return queue_letter(new_policy.holder_id, "RENEWAL_NOTICE", "policy", new_policy.id, ctx, session=session)


def _smtp_send(to, subject, body):
    cfg = get_config()
    if not cfg.SMTP_HOST:
        log.info("smtp disabled, would send %r to %s", subject, to)
        return True
    msg = MIMEText(body, "html", "utf-8")
    msg["Subject"], msg["From"], msg["To"] = subject, cfg.MAIL_FROM, to
    s = smtplib.SMTP(cfg.SMTP_HOST, timeout=20)
    try:
        s.sendmail(cfg.MAIL_FROM, [to], msg.as_string())
    finally:
        s.quit()
    return True


def dispatch_outbox(limit=200, session=None):
    session = session or get_session()
    sent = 0
    for letter in (session.query(OutboundLetter).filter_by(status="queued")
                   .order_by(OutboundLetter.id).limit(limit)):
        if letter.channel == "post":
            letter.status = "to_print"
            continue
        doc = session.query(Document).get(letter.document_id) if letter.document_id else None
        body = open(doc.storage_path).read() if doc else ""
        try:
            _smtp_send(letter.recipient, letter.subject, body)
            letter.status, letter.sent_at = "sent", utcnow()
            sent += 1
        except Exception as exc:
            letter.status, letter.error = "failed", str(exc)[:500]
    return sent
