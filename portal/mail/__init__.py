"""The admin's view of outgoing mail: how it is sent, what waits in the queue, and what could not be sent."""
