/**
 * Shared scaffolding of the production-edge suites (test/edge.*.test.ts): the
 * smallest `HttpsLoadBalancer` args and a build that waits for the listener,
 * the load balancer and every registration.
 */
import { HttpsLoadBalancer, type HttpsLoadBalancerArgs } from "../../components/httpsLoadBalancer";
import { settle, valueOf } from "./mocks";

export const EDGE_CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/abc";

/** Two subnets, one VPC, an issued certificate. */
export const EDGE_BASE: HttpsLoadBalancerArgs = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-a", "subnet-b"],
    certificateArn: EDGE_CERT_ARN,
};

/** Builds `HttpsLoadBalancer` 'edge' with `args` over `EDGE_BASE` and waits until everything is registered. */
export async function buildEdge(args: Partial<HttpsLoadBalancerArgs>): Promise<HttpsLoadBalancer> {
    const lb = new HttpsLoadBalancer("edge", { ...EDGE_BASE, ...args });
    await valueOf(lb.loadBalancer.arn);
    await valueOf(lb.httpsListener.arn);
    await settle();
    return lb;
}
