package com.opulenthorizons.gateway.store;

class InMemoryPersonStoreTest extends CallsAfterLeadsContract {

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @Override
    protected LeadStore store() {
        return store;
    }
}
