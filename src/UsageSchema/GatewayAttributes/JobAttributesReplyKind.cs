namespace UsageSchema.GatewayAttributes;

/// <summary>What a plain-text reply of <c>POST /gateway/v2/job_attributes</c> says happened.</summary>
public enum JobAttributesReplyKind
{
    /// <summary>The reply is none of the known forms; read <see cref="JobAttributesReply.Text"/>.</summary>
    Unrecognized = 0,

    /// <summary>The attributes were staged.</summary>
    Staged,

    /// <summary>A <c>debug</c> request: the attributes were checked but not staged.</summary>
    DryRun,

    /// <summary>The resource name is unknown; the reply lists the valid ones.</summary>
    UnknownResource,
}
