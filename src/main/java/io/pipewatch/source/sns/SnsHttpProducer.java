package io.pipewatch.source.sns;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The real one; tests that sign messages with their own certificate replace it with one that serves it. */
public class SnsHttpProducer {

    @Produces
    @Singleton
    SnsHttp snsHttp() {
        return SnsHttp.standard();
    }
}
