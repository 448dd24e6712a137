package com.opulenthorizons.gateway.store;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A piece of work that a scheduler runs every poll interval against the store (the outbox
 * delivery, the Meta lead fetch). It never throws, because a scheduled task that throws is never
 * run again; a store outage is logged once when it begins and once when it ends, not at every poll.
 */
public final class StorePoll implements Runnable {

    private final String name;
    private final Runnable work;
    private final Logger log;
    private volatile boolean storeDown;

    /** @param name what polls, for the log, e.g. "outbox poll" */
    public StorePoll(String name, Runnable work, Logger log) {
        this.name = name;
        this.work = work;
        this.log = log;
    }

    @Override
    public void run() {
        try {
            work.run();
            if (storeDown) {
                storeDown = false;
                log.info(name + " resumed: the store answers again");
            }
        } catch (StoreUnavailableException e) {
            // The work waits in the store and is done at a later poll.
            if (!storeDown) {
                storeDown = true;
                log.warning(name + " cannot reach the store, retrying every poll: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, name + " failed", e);
        }
    }
}
