package io.pipewatch.dashboard;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.it.SlackStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The dashboard page keeps what it rendered per window asked for; windows are whatever URLs say, so that stays bounded. */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class DashboardPagesBoundIT {

    @Inject
    DashboardPages pages;

    @Test
    void manyDifferentWindowsKeepABoundedNumberOfPages() {
        for (int minutes = 1; minutes <= DashboardPages.PAGES_KEPT + 20; minutes++) {
            given().get("/dashboards/demo-pipeline?from=now-" + minutes + "m").then().statusCode(200);
        }
        assertTrue(pages.kept() < DashboardPages.PAGES_KEPT, "the pages were forgotten once full, then kept afresh: " + pages.kept());
    }
}
