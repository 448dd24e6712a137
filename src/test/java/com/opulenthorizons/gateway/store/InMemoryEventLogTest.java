package com.opulenthorizons.gateway.store;

/** The event list and replay contract on the in-memory store. */
class InMemoryEventLogTest extends EventLogContract {

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @Override
    protected LeadStore store() {
        return store;
    }
}
