import { named, ofType, resetMocks, settle, valueOf } from "./helpers/mocks";
import * as fs from "node:fs";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { useExampleConfig } from "./helpers/program";

/** The root program, evaluated under mocks with the shipped example stack's config. */
describe("root program with Pulumi.example.yaml", () => {
    const root = path.join(__dirname, "..");
    const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
    let program: Record<string, pulumi.Output<unknown>>;

    beforeAll(async () => {
        await resetMocks();
        useExampleConfig();
        program = require("../index");
        await valueOf(program.httpsListenerArn as pulumi.Output<string>);
        await valueOf(program.recordNames);
        await settle();
    });

    it("declares every key it reads in Pulumi.yaml, with a description", () => {
        const source = fs.readFileSync(path.join(root, "index.ts"), "utf8");
        const read = [...source.matchAll(/(?:text|count|list|config\.\w+(?:<[^>]+>)?)\("([a-zA-Z]+)"\)/g)].map(
            (m) => m[1],
        );
        expect(read.length).toBeGreaterThan(20);
        for (const key of read) {
            expect({
                key,
                declared: project.config[key] !== undefined,
                described: Boolean(project.config[key]?.description),
            }).toEqual({ key, declared: true, described: true });
        }
    });

    it("documents every config key in the README", () => {
        const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("## Deploying from this repository"), readme.indexOf("## Limits"));
        expect(Object.keys(project.config).filter((key) => !section.includes(`\`${key}\``))).toEqual([]);
        for (const name of Object.keys(program))
            expect({ name, documented: section.includes(`\`${name}\``) }).toEqual({ name, documented: true });
    });

    it("builds the example: names, target, HSTS and exports", async () => {
        expect(await valueOf(program.url as pulumi.Output<string>)).toBe("https://app.example.com");
        expect(await valueOf(program.hostnames as pulumi.Output<string[]>)).toEqual([
            "app.example.com",
            "www.example.com",
        ]);
        expect(named("aws:acm/certificate:Certificate", "test-certificate").inputs).toMatchObject({
            domainName: "app.example.com",
            subjectAlternativeNames: ["www.example.com"],
            keyAlgorithm: "RSA_2048",
        });
        expect(named("aws:lb/targetGroup:TargetGroup", "test-lb-targets").inputs).toMatchObject({
            port: 8080,
            healthCheck: { path: "/healthz" },
        });
        expect(named("aws:lb/listener:Listener", "test-lb-https").inputs).toMatchObject({
            routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=300",
            routingHttpResponseXContentTypeOptionsHeaderValue: "nosniff",
        });
        // Off headers are left unset, never "" (the provider does not send an empty attribute value).
        expect(
            named("aws:lb/listener:Listener", "test-lb-https").inputs.routingHttpResponseXFrameOptionsHeaderValue,
        ).toBeUndefined();
        expect(named("aws:lb/listener:Listener", "test-lb-http").inputs.defaultActions[0].type).toBe("redirect");
        expect(named("aws:lb/listenerRule:ListenerRule", "test-lb-http-rule-1").inputs).toMatchObject({
            priority: 1,
            conditions: [{ pathPattern: { values: ["/healthz"] } }],
            actions: [{ type: "forward" }],
        });
        expect(named("aws:lb/loadBalancer:LoadBalancer", "test-lb").inputs.tags).toEqual({
            "managed-by": "aws-https-domain",
            stack: "test",
        });
        expect(
            ofType("aws:route53/record:Record")
                .filter((r) => r.inputs.aliases)
                .map((r) => r.inputs.name),
        ).toEqual(["app.example.com", "www.example.com"]);
    });
});
