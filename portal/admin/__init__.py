"""Administration pages: the mail page shows how outgoing mail is sent, what waits in the queue, and what could not
be sent."""
