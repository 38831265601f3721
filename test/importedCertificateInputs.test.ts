/**
 * ImportedCertificate's option checks: wrong types are named with their
 * property, and every check runs before the component registers itself.
 */
import { ofType, resetMocks } from "./helpers/mocks";
import { inputProblems } from "./helpers/components";
import * as pulumi from "@pulumi/pulumi";
import { ImportedCertificate, type ImportedCertificateArgs } from "../components/importedCertificate";

beforeEach(resetMocks);

const problemsOf = (args: unknown) =>
    inputProblems(() => new ImportedCertificate("bad", args as ImportedCertificateArgs));

describe("ImportedCertificate option checks", () => {
    it.each<[string, Record<string, unknown>, [string, string][]]>([
        [
            "hostnames not a list",
            { hostnames: "app.example.com" },
            [["hostnames", "`hostnames` 'app.example.com' is a string, not a list: write ['app.example.com']"]],
        ],
        [
            "a hostname that is a number",
            { hostnames: [7] },
            [["hostnames[0]", "`hostnames[0]` is a number, not a string: give a DNS name such as 'app.example.com'"]],
        ],
        [
            "a key that is a number",
            { privateKey: 123 },
            [["privateKey", "`privateKey` is a number, not a string: give the PEM text"]],
        ],
        [
            "a PFX that is an object",
            { certificate: undefined, privateKey: undefined, pfx: { data: "x" } },
            [["pfx", "`pfx` is an object, not a string: give the PFX bundle as base64 text"]],
        ],
        [
            "a PFX password that is a number",
            { certificate: undefined, privateKey: undefined, pfx: "MII", pfxPassword: 1234 },
            [["pfxPassword", "`pfxPassword` is a number, not a string: give the password as text"]],
        ],
        [
            "expiryWarningDays a string",
            { expiryWarningDays: "30" },
            [["expiryWarningDays", "`expiryWarningDays` is a string, not a number: give whole days, e.g. 30"]],
        ],
    ])("names %s (never a TypeError), before registering", (_, args, expected) => {
        const registered = jest.spyOn(pulumi.ComponentResource.prototype as any, "registerOutputs");
        // Secret PEMs: their certificate checks wait until the values are known, so only the row's problem shows.
        expect(
            problemsOf({
                certificate: pulumi.secret("-----BEGIN CERTIFICATE-----"),
                privateKey: pulumi.secret("k"),
                ...args,
            }),
        ).toEqual(expected);
        expect(ofType("aws-https-domain:index:ImportedCertificate")).toEqual([]);
        expect(registered).not.toHaveBeenCalled();
        registered.mockRestore();
    });

    it("names the arguments when they are not an object", () => {
        expect(problemsOf(undefined)).toEqual([
            [
                "args",
                "`args` is undefined, not an object: give { certificate, privateKey, chain } (PEM) or { pfx, pfxPassword }",
            ],
        ]);
    });
});
