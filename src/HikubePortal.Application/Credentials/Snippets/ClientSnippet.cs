namespace HikubePortal.Application.Credentials.Snippets;

/// <summary>Ready-to-paste configuration for one client: one or more files, and where they go.</summary>
/// <param name="Id">Stable identifier (tab id, test name): <c>aws</c>, <c>rclone</c>...</param>
/// <param name="Title">Tab title, e.g. "AWS CLI".</param>
/// <param name="WhereToPutIt">One line telling where the text goes.</param>
public sealed record ClientSnippet(string Id, string Title, string WhereToPutIt, IReadOnlyList<SnippetFile> Files);

/// <param name="Label">What this block is: a file path (<c>~/.aws/config</c>) or "Try it".</param>
/// <param name="Language">For highlighting and copy buttons: ini, shell, yaml, python, csharp, json.</param>
public sealed record SnippetFile(string Label, string Language, string Content);
