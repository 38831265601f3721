import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as d from "./defaults";
import { createHttpListener, type ListenerAction } from "./internal/build/httpListener";
import { checkListenerSettings, requireSubnets } from "./internal/rules/loadBalancerChecks";
import { Problems } from "./internal/rules/problems";
import { listenerHeaderAttributes } from "./internal/rules/responseHeaders";
import { createLoadBalancerSecurityGroup, securityGroupSpecOf } from "./internal/build/securityGroup";
import {
    createHostRules,
    resolveRouteTargets,
    resolveTarget,
    warnWhenListenerGetsNewTargetGroup,
} from "./internal/build/targets";
import { IpAddressType, LoadBalancerScheme, type LoadBalancerOptions } from "./loadBalancerArgs";
import { checkLoadBalancerName, physicalName } from "./internal/rules/physicalNames";
import { createLogDestinations } from "./internal/build/logBuckets";
import { ORIGIN_SECRET_DEFAULT_ACTIONS } from "./internal/build/originSecret";
import { createEdgeExtras } from "./internal/build/edgeExtras";
import { createMutualTls } from "./internal/build/trustStore";
import { httpsForwardOf, routeAuthentication } from "./internal/build/authenticate";
import { egressPortsOf } from "./internal/build/egress";
import { loadBalancerAttributeInputs } from "./internal/rules/loadBalancerAttributes";

/** Arguments of `HttpsLoadBalancer`. */
export interface HttpsLoadBalancerArgs extends LoadBalancerOptions {
    /** VPC of the load balancer and its targets. */
    vpcId: pulumi.Input<string>;
    /** Public subnets, at least two in different availability zones. */
    subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Certificate for the HTTPS listener: a validated or imported ACM ARN (never a certificate still pending validation). */
    certificateArn: pulumi.Input<string>;
    /** Extra certificates served by SNI, keyed by a stable identity (e.g. the names they cover). Defaults to none. */
    additionalCertificateArns?: Record<string, pulumi.Input<string>>;
}

/**
 * An internet-facing Application Load Balancer with its own security group,
 * an HTTPS listener (certificate, TLS policy, optional HSTS) and an HTTP
 * listener that redirects to HTTPS, in front of a target group it creates or adopts.
 */
export class HttpsLoadBalancer extends pulumi.ComponentResource {
    /** The load balancer. */
    public readonly loadBalancer: aws.lb.LoadBalancer;
    /** Its security group (listener ports in, target port out). */
    public readonly securityGroup: aws.ec2.SecurityGroup;
    /** The HTTPS listener. */
    public readonly httpsListener: aws.lb.Listener;
    /** The HTTP listener (redirecting to HTTPS unless the redirect is off). */
    public readonly httpListener: aws.lb.Listener;
    /** Path rules of the HTTP listener (`paths` and `except` modes), named by priority. */
    public readonly httpRules: aws.lb.ListenerRule[];
    /** Host-header rules of the HTTPS listener, one or more per route. */
    public readonly routeRules: aws.lb.ListenerRule[];
    /** Extra certificates served by SNI, one per key of `additionalCertificateArns`. */
    public readonly listenerCertificates: aws.lb.ListenerCertificate[];
    /** The target group it created, if any. */
    public readonly targetGroup?: aws.lb.TargetGroup;
    /** ARN of the target group in use (created or adopted), if any. */
    public readonly targetGroupArn: pulumi.Output<string | undefined>;
    /** DNS name of the load balancer (alias target). */
    public readonly dnsName: pulumi.Output<string>;
    /** Hosted zone of the load balancer's DNS name (alias target). */
    public readonly zoneId: pulumi.Output<string>;
    /** Host redirect rules of the HTTPS listener (`redirects`), named by priority. */
    public readonly redirectRules: aws.lb.ListenerRule[];
    /** The HTTPS rule that forwards requests carrying `originSecret` (the listener answers 403 to the rest), if any. */
    public readonly originSecretRule?: aws.lb.ListenerRule;
    /** The sign-in rules of `authenticate.paths`, named by priority. */
    public readonly signInRules: aws.lb.ListenerRule[];
    /** The trust store of `mutualAuthentication` in mode `verify`, if any. */
    public readonly trustStore?: aws.lb.TrustStore;
    /** The certificate revocation lists of the trust store (`mutualAuthentication.trustStore.revocationLists`), named by content or URI. */
    public readonly trustStoreRevocations: aws.lb.TrustStoreRevocation[];
    /** The baseline web ACL it created (`waf.create`), if any. */
    public readonly webAcl?: aws.wafv2.WebAcl;
    /** The association of the web ACL with the load balancer (`waf`), if any. */
    public readonly webAclAssociation?: aws.wafv2.WebAclAssociation;
    /** The access-log bucket it created (`accessLogs.create`), if any. */
    public readonly accessLogsBucket?: aws.s3.Bucket;
    /** The connection-log bucket it created (`connectionLogs.create`), if any. */
    public readonly connectionLogsBucket?: aws.s3.Bucket;

    constructor(name: string, args: HttpsLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = new Problems();
        const { sslPolicy, legacyTls } = checkListenerSettings(args, problems);
        checkLoadBalancerName(args.loadBalancerName, problems);
        problems.throwIfAny("HttpsLoadBalancer", name);
        super(`${d.TYPE_PREFIX}:HttpsLoadBalancer`, name, {}, opts);
        if (legacyTls) {
            pulumi.log.warn(
                `sslPolicy '${sslPolicy}' accepts TLS 1.0/1.1 (allowed by allowLegacyTls): these versions are deprecated and insecure.`,
                this,
            );
        }

        const ipAddressType = args.ipAddressType ?? IpAddressType.Ipv4;
        const internal = args.scheme === LoadBalancerScheme.Internal;
        const httpPort = args.httpPort ?? d.DEFAULT_HTTP_PORT;
        const httpsPort = args.httpsPort ?? d.DEFAULT_HTTPS_PORT;
        const target = args.target
            ? resolveTarget(`${name}-targets`, args.target, args.vpcId, args.tags, this)
            : undefined;
        this.targetGroup = target?.targetGroup;

        const routes = args.routes ?? [];
        const routeTargets = resolveRouteTargets(name, routes, args.vpcId, args.tags, this);
        const egressPorts = egressPortsOf([
            { key: "target", port: target?.egressPort },
            ...routes.map((route, i) => ({ key: `route-${route.name}`, port: routeTargets[i].egressPort })),
        ]);
        const sg = createLoadBalancerSecurityGroup(
            `${name}-sg`,
            securityGroupSpecOf(args, { httpPort, httpsPort, internal, egressPorts }),
            this,
        );
        this.securityGroup = sg.securityGroup;
        const logs = createLogDestinations(name, args, this, `HttpsLoadBalancer '${name}'`);
        const mtls = args.mutualAuthentication && createMutualTls(name, args.mutualAuthentication, args.tags, this);
        this.trustStore = mtls?.trustStore;
        this.trustStoreRevocations = mtls?.revocations ?? [];
        this.accessLogsBucket = logs.buckets.access;
        this.connectionLogsBucket = logs.buckets.connection;

        this.loadBalancer = new aws.lb.LoadBalancer(
            name,
            {
                // Explicit, valid for any logical name: pulumi-aws gives aws_lb no autoname limit, and TF's validName refuses > 32.
                name: args.loadBalancerName ?? physicalName("aws:lb/loadBalancer:LoadBalancer", name, [{ internal }]),
                loadBalancerType: "application",
                internal,
                ipAddressType,
                subnets: pulumi.output(args.subnetIds).apply((ids) => requireSubnets(name, ids)),
                securityGroups: [sg.securityGroup.id],
                dropInvalidHeaderFields: true,
                enableDeletionProtection: args.deletionProtection ?? false,
                idleTimeout: args.idleTimeoutSeconds ?? d.DEFAULT_IDLE_TIMEOUT_SECONDS,
                ...loadBalancerAttributeInputs(args),
                accessLogs: logs.accessLogs,
                connectionLogs: logs.connectionLogs,
                tags: args.tags,
            },
            // ELB writes a test file when logging is turned on: the bucket's policy and encryption must exist first.
            { parent: this, dependsOn: logs.dependsOn },
        );

        const forward: ListenerAction[] = target
            ? [{ type: "forward", targetGroupArn: target.targetGroupArn }]
            : [{ type: "fixed-response", fixedResponse: d.NO_TARGET_RESPONSE }];
        // Every HTTPS request that reaches a target signs in first when `authenticate` is set.
        const httpsForward = httpsForwardOf(args.authenticate, forward);

        this.httpsListener = new aws.lb.Listener(
            `${name}-https`,
            {
                loadBalancerArn: this.loadBalancer.arn,
                port: httpsPort,
                protocol: "HTTPS",
                certificateArn: args.certificateArn,
                sslPolicy,
                mutualAuthentication: mtls?.listener,
                // With an origin secret, only the rule below forwards: everything else gets 403.
                defaultActions: args.originSecret ? ORIGIN_SECRET_DEFAULT_ACTIONS : httpsForward,
                // A header that is off stays unset: the provider never sends "" (see internal/responseHeaders.ts).
                ...listenerHeaderAttributes(args.hsts, args.securityHeaders, this),
                tags: args.tags,
            },
            { parent: this },
        );

        const http = createHttpListener(
            `${name}-http`,
            {
                loadBalancerArn: this.loadBalancer.arn,
                port: httpPort,
                httpsPort,
                redirect: args.httpsRedirect ?? {},
                forward,
                tags: args.tags,
            },
            this,
        );
        this.httpListener = http.listener;
        this.httpRules = http.rules;

        this.routeRules = routes.flatMap((route, i) =>
            createHostRules(
                `${name}-https-rule`,
                route.hostnames,
                route.priority,
                routeTargets[i].targetGroupArn,
                this.httpsListener.arn,
                args.tags,
                { parent: this },
                `${name}-route-${route.name}`,
                routeAuthentication(args.authenticate, route.name),
            ),
        );

        // Host redirects, the origin-secret rule and WAF (see internal/build/edgeExtras.ts).
        const extras = createEdgeExtras(
            name,
            args,
            { arn: this.httpsListener.arn, port: httpsPort, forward: httpsForward },
            this.loadBalancer.arn,
            this,
        );
        ({ redirectRules: this.redirectRules, originSecretRule: this.originSecretRule } = extras);
        ({ webAcl: this.webAcl, webAclAssociation: this.webAclAssociation, signInRules: this.signInRules } = extras);

        // Extra certificates, keyed by the caller's stable identity, never by position.
        this.listenerCertificates = Object.entries(args.additionalCertificateArns ?? {}).map(
            ([key, certificateArn]) =>
                new aws.lb.ListenerCertificate(
                    `${name}-sni-${key}`,
                    { listenerArn: this.httpsListener.arn, certificateArn },
                    { parent: this },
                ),
        );

        for (const group of [target?.targetGroup, ...routeTargets.map((r) => r.targetGroup)]) {
            if (group) warnWhenListenerGetsNewTargetGroup(this.httpsListener.arn, group, this);
        }
        this.targetGroupArn = pulumi.output(target?.targetGroupArn);
        this.dnsName = this.loadBalancer.dnsName;
        this.zoneId = this.loadBalancer.zoneId;
        this.registerOutputs({
            loadBalancer: this.loadBalancer,
            securityGroup: this.securityGroup,
            httpsListener: this.httpsListener,
            httpListener: this.httpListener,
            httpRules: this.httpRules,
            routeRules: this.routeRules,
            listenerCertificates: this.listenerCertificates,
            targetGroup: this.targetGroup,
            targetGroupArn: this.targetGroupArn,
            dnsName: this.dnsName,
            zoneId: this.zoneId,
            redirectRules: this.redirectRules,
            originSecretRule: this.originSecretRule,
            trustStore: this.trustStore,
            trustStoreRevocations: this.trustStoreRevocations,
            signInRules: this.signInRules,
            webAcl: this.webAcl,
            webAclAssociation: this.webAclAssociation,
            accessLogsBucket: this.accessLogsBucket,
            connectionLogsBucket: this.connectionLogsBucket,
        });
    }
}

export { requireSubnets }; // for callers of 0.x: it lives with the other subnet checks now
