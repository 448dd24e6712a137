package com.opulenthorizons.gateway.meta;

class InMemoryMetaLeadInboxTest extends MetaLeadInboxContract {

    private final MetaLeadInbox inbox = new InMemoryMetaLeadInbox();

    @Override
    protected MetaLeadInbox inbox() {
        return inbox;
    }
}
