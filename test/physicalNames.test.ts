/**
 * Physical names across every component that names AWS resources, for every
 * kind of component or stack name Pulumi accepts. The conformance layer
 * (helpers/conformance/elbv2.ts) refuses any registration whose name breaks
 * terraform-provider-aws internal/service/elbv2/validate.go (`validName`,
 * `validTargetGroupName`); these tests also assert the rule directly.
 */
import { ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import { TOKENS } from "./helpers/components";
import type * as pulumi from "@pulumi/pulumi";
import { CustomDomain } from "../components/customDomain";
import { CUSTOM_DOMAIN_BASE } from "./helpers/components";
import { HttpsLoadBalancer } from "../components/httpsLoadBalancer";
import { ListenerAttachment } from "../components/listenerAttachment";
import {
    elbNameProblem,
    ElbNameKind,
    identityHash,
    physicalName,
    readablePrefix,
} from "../components/internal/rules/physicalNames";

beforeEach(resetMocks);

// validate.go: at most 32, [0-9A-Za-z-], no leading or trailing hyphen; validName also refuses a leading "internal-".
const VALID_ELB_NAME = /^(?!internal-)(?!-)[0-9A-Za-z-]{1,32}(?<!-)$/;

const componentNames = [
    "a",
    "production-us-east-1-payments-api-gateway-edge",
    "my_stack.prod",
    "internal-tools",
    "9lives",
    "__..__",
];

const builders: [string, (name: string) => pulumi.Resource][] = [
    [
        "HttpsLoadBalancer",
        (name) =>
            new HttpsLoadBalancer(name, {
                vpcId: "vpc-1",
                subnetIds: ["s-a", "s-b"],
                certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
                target: { port: 8080 },
                routes: [{ name: "api", hostnames: ["api.example.com"], priority: 10, target: { port: 9000 } }],
            }),
    ],
    ["CustomDomain", (name) => new CustomDomain(name, CUSTOM_DOMAIN_BASE)],
    [
        "CustomDomain on a shared load balancer",
        (name) =>
            new CustomDomain(name, {
                ...CUSTOM_DOMAIN_BASE,
                subnetIds: undefined,
                existingLoadBalancer: { loadBalancerArn: "arn:lb", httpsListenerArn: "arn:l", rulePriority: 5 },
            }),
    ],
    [
        "ListenerAttachment",
        (name) =>
            new ListenerAttachment(name, {
                listenerArn: "arn:l",
                certificateArns: { a: "arn:c" },
                hostnames: ["app.example.com"],
                rulePriority: 5,
                target: { port: 8080 },
                vpcId: "vpc-1",
            }),
    ],
];

describe.each(builders)("%s names its load balancers and target groups validly", (_, build) => {
    it.each(componentNames)("component name %j", async (name) => {
        build(name);
        await settle();
        const named = [...ofType(TOKENS.loadBalancer), ...ofType(TOKENS.targetGroup)].filter((r) => !r.readId);
        expect(named.length).toBeGreaterThan(0);
        for (const r of named)
            expect({ logical: r.name, physical: r.inputs.name }).toEqual({
                logical: r.name,
                physical: expect.stringMatching(VALID_ELB_NAME),
            });
    });
});

describe("the naming rule", () => {
    it("is stable between runs and different for different components", async () => {
        const first = physicalName(TOKENS.targetGroup, "site-lb-targets", [{ port: 80 }]);
        expect(physicalName(TOKENS.targetGroup, "site-lb-targets", [{ port: 80 }])).toBe(first);
        expect(physicalName(TOKENS.targetGroup, "site2-lb-targets", [{ port: 80 }])).not.toBe(first);
        expect(physicalName(TOKENS.loadBalancer, "site-lb-targets", [{ port: 80 }])).not.toBe(first);
    });

    it("changes when an input that replaces the resource changes, so create-before-delete never collides", () => {
        expect(physicalName(TOKENS.targetGroup, "site-lb-targets", [{ port: 80 }])).not.toBe(
            physicalName(TOKENS.targetGroup, "site-lb-targets", [{ port: 8080 }]),
        );
    });

    it("hashes project and stack too: the same component in two stacks gets two names", () => {
        expect(identityHash(["proj", "dev", TOKENS.targetGroup, "site"])).not.toBe(
            identityHash(["proj", "prod", TOKENS.targetGroup, "site"]),
        );
        expect(identityHash(["a", "b", TOKENS.targetGroup, "site"])).toMatch(/^[0-9a-f]{8}$/);
    });

    it.each([
        ["site-lb", 23, "site-lb"],
        ["my_stack.prod-lb", 23, "my-stack-prod-lb"],
        ["internal-tools-lb", 23, "int-tools-lb"],
        ["production-us-east-1-payments-lb", 23, "production-us-east-1-pa"],
        ["a-very-long-name-with-a-hyphen-at-23", 23, "a-very-long-name-with-a"],
        ["-x-", 23, "x"],
        ["__", 23, ""],
    ])("readable prefix of %j is %j", (logical, max, expected) => {
        expect(readablePrefix(logical, max)).toBe(expected);
    });

    it("is the bare hash when nothing readable is left", () => {
        expect(physicalName(TOKENS.targetGroup, "__", [])).toMatch(/^[0-9a-f]{8}$/);
    });

    it.each([
        ["my-alb", undefined],
        [
            "a".repeat(33),
            "`loadBalancerName` 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not a valid load balancer name: AWS needs 1 to 32 characters (it has 33); fix it, or leave it out for a generated name",
        ],
        [
            "my_alb",
            "`loadBalancerName` 'my_alb' is not a valid load balancer name: AWS needs only letters, digits and hyphens; fix it, or leave it out for a generated name",
        ],
        [
            "-alb",
            "`loadBalancerName` '-alb' is not a valid load balancer name: AWS needs no hyphen at the start or end; fix it, or leave it out for a generated name",
        ],
        [
            "internal-alb",
            "`loadBalancerName` 'internal-alb' is not a valid load balancer name: AWS needs not starting with 'internal-'; fix it, or leave it out for a generated name",
        ],
        [
            42,
            "`loadBalancerName` '42' is not a load balancer name: give a string, or leave it out for a generated name",
        ],
    ])("a user's loadBalancerName %j", (value, expected) => {
        expect(elbNameProblem(value, "loadBalancerName", ElbNameKind.LoadBalancer)).toBe(expected);
    });

    it("keeps a user's loadBalancerName as given", async () => {
        const lb = new HttpsLoadBalancer("x", {
            vpcId: "vpc-1",
            subnetIds: ["s-a", "s-b"],
            certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x",
            loadBalancerName: "legacy-x-lb-abc1234",
        });
        await valueOf(lb.dnsName);
        expect(ofType(TOKENS.loadBalancer)[0].inputs.name).toBe("legacy-x-lb-abc1234");
    });
});
