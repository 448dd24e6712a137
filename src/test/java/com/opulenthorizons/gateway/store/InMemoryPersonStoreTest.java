package com.opulenthorizons.gateway.store;

class InMemoryPersonStoreTest extends PersonEventsContract {

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @Override
    protected LeadStore store() {
        return store;
    }
}
