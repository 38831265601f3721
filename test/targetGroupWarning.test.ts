/**
 * `pulumi preview` of an update that replaces the target group: the HTTPS listener is in the stack (its ARN is
 * known in the preview), the target group is not (its ARN is unknown until it is created). The component says so,
 * because the listener will forward to a new, empty group (README, "What changes on update").
 */
import { registerMockOutputs, resetMocks, setPreviewMode, settle, UNKNOWN } from "./helpers/mocks";
import { loggedWarnings } from "./helpers/logs";
import { HttpsLoadBalancer } from "../components/httpsLoadBalancer";

const TG = "aws:lb/targetGroup:TargetGroup";
const LISTENER = "aws:lb/listener:Listener";
const args = {
    vpcId: "vpc-1",
    subnetIds: ["s-a", "s-b"],
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
    target: { port: 9090 },
};
const WARNING =
    "Target group 'edge-targets' is created or replaced in this update while the HTTPS listener already exists: the listener will forward to a new, empty target group and answer 503 until targets register there (targets registered outside this stack still point at the old group). A change to the target's port, protocol, type or VPC does this. If that is not intended, revert it; for a switch without downtime see the README, 'What changes on update'.";

beforeEach(async () => {
    await resetMocks();
    setPreviewMode(true);
});
afterEach(() => setPreviewMode(false));

const warnings = () => loggedWarnings().filter((w) => w.includes("Target group"));

describe("preview of a target-group replacement", () => {
    it("warns when the listener exists and the target group is new", async () => {
        registerMockOutputs(TG, () => ({ arn: UNKNOWN }));
        registerMockOutputs(LISTENER, (a) => ({
            arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/${a.name}`,
        }));
        new HttpsLoadBalancer("edge", args);
        await settle();
        await new Promise((r) => setTimeout(r, 50));
        expect(warnings()).toEqual([WARNING]);
    });

    it("stays quiet on a first deploy (listener new too) and when the target group is unchanged", async () => {
        registerMockOutputs(TG, () => ({ arn: UNKNOWN }));
        registerMockOutputs(LISTENER, () => ({ arn: UNKNOWN }));
        new HttpsLoadBalancer("first", args);
        await settle();
        registerMockOutputs(TG, (a) => ({
            arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${a.name}/1`,
        }));
        registerMockOutputs(LISTENER, (a) => ({
            arn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/${a.name}`,
        }));
        new HttpsLoadBalancer("same", args);
        await settle();
        await new Promise((r) => setTimeout(r, 50));
        expect(warnings()).toEqual([]);
    });
});
