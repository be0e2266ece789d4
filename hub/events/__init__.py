"""The transactional outbox and its dispatcher.

Every write the public or an integrator can see appends an event in the same
transaction (:func:`hub.events.outbox.emit`); the dispatcher hands committed
events, in order, to each consumer, which keeps the id of the last event it
handled — nothing committed is ever missed, even across crashes.
"""
