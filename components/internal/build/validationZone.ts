/**
 * The hosted zone of certificate validation and CAA records: the public
 * `validationZoneId` / `validationZoneName` when given (an alias zone may be
 * private, and CAs read public DNS only), else each name's own zone.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { CustomDomainArgs } from "../../customDomainArgs";

/** `zoneIdOf` for validation and CAA records. */
export function validationZoneResolver(
    args: Pick<CustomDomainArgs, "validationZoneId" | "validationZoneName">,
    zoneIdOf: (host: string) => pulumi.Output<string>,
    parent: pulumi.Resource,
): (host: string) => pulumi.Output<string> {
    if (args.validationZoneId !== undefined) {
        const id = pulumi.output(args.validationZoneId);
        return () => id;
    }
    if (args.validationZoneName !== undefined) {
        const id = aws.route53.getZoneOutput({ name: args.validationZoneName, privateZone: false }, { parent }).zoneId;
        return () => id;
    }
    return zoneIdOf;
}
