import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { resetMocks, resources, named, valueOf, setMockDelays } from "./helpers/mocks";

class Box extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Box", name, {}, opts);
        new aws.ec2.SecurityGroup(`${name}-sg`, { vpcId: "vpc-1" }, { parent: this });
        this.registerOutputs({});
    }
}

beforeEach(resetMocks);

describe("mock helper", () => {
    it("records resources with their parent chain and AWS-like outputs", async () => {
        new Box("b");
        const lb = new aws.lb.LoadBalancer("lb", {});
        expect(await valueOf(lb.zoneId)).toBe("Z35SXDOTRQ7X7K");
        const sg = named("aws:ec2/securityGroup:SecurityGroup", "b-sg");
        expect(sg.typeChain).toEqual(["test:index:Box", "aws:ec2/securityGroup:SecurityGroup"]);
        expect(sg.inputs.vpcId).toBe("vpc-1");
        expect(
            resources()
                .map((r) => r.name)
                .sort(),
        ).toEqual(["b", "b-sg", "lb"]);
    });

    it("resets between tests and applies delays", async () => {
        setMockDelays({ "aws:lb/loadBalancer:LoadBalancer": 50 });
        const lb = new aws.lb.LoadBalancer("lb2", {});
        await valueOf(lb.arn);
        expect(resources().map((r) => r.name)).toEqual(["lb2"]);
        expect(resources()[0].createdAt).toBeGreaterThanOrEqual(45);
    });
});
