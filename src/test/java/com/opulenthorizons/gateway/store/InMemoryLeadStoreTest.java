package com.opulenthorizons.gateway.store;

class InMemoryLeadStoreTest extends LeadStoreContract {

    private final InMemoryLeadStore store = new InMemoryLeadStore();

    @Override
    protected LeadStore store() {
        return store;
    }
}
