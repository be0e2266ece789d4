"""The hub's one mail module: mails queued in the writer's transaction, sent by every process.

Call :func:`queue_mail` inside the transaction of the change the mail is about;
:func:`hub.mail.sender.run_mail` (started by the app) sends it. See docs/mail.md.
"""

from hub.mail.models import MailAttempt, MailMessage, MailState
from hub.mail.queue import queue_mail

__all__ = ["MailAttempt", "MailMessage", "MailState", "queue_mail"]
