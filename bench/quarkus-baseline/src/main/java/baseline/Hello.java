package baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** One endpoint, so that the REST layer is deployed as Pipewatch's is. */
@Path("/hello")
public class Hello {

    @GET
    public String hello() {
        return "hello\n";
    }
}
