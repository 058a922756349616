using System.Text.Json;
using System.Text.Json.Nodes;

namespace UsageSchema.Emulator.Acceptance;

/// <summary>
/// A form a live service is documented or seen to accept, with its source. A form with a
/// <see cref="Read"/> is one the spec (this project's own reading) is stricter about: the body is
/// read that way before the spec judges it. A form without one is accepted by HTTP or routing
/// itself (header names, a trailing slash) and is listed so that the wire-form corpus covers it.
/// </summary>
/// <param name="Id">A stable name, used by the wire-form corpus (<c>tests/Fixtures/wire-forms/index.json</c>).</param>
/// <param name="Service">The service that accepts it.</param>
/// <param name="Description">What the form is.</param>
/// <param name="Source">Where it is documented or seen.</param>
/// <param name="Read">Rewrites the body in place into the form the spec states; true when it changed something.</param>
/// <param name="Applies">
/// Whether <see cref="Read"/> may change the body, decided on the parsed body without copying it: never false when
/// <see cref="Read"/> would change something (it may be true when it would not). A body no form applies to is judged as sent.
/// </param>
internal sealed record KnownForm(string Id, UsageApi Service, string Description, string Source, Func<JsonNode, bool>? Read = null, Func<JsonElement, bool>? Applies = null);
