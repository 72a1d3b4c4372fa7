using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HikubePortal.Kubernetes.Config;
using HikubePortal.Kubernetes.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HikubePortal.Kubernetes;

/// <summary>
/// The Kubernetes REST client (see <see cref="IKubernetesClient"/>). One instance per cluster identity,
/// shared (a singleton): it owns its connection pool. Logs method, path, status and duration only.
/// </summary>
public sealed partial class KubernetesClient : IKubernetesClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly BearerTokenSource _tokens;
    private readonly AuthenticationHeaderValue? _basic;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _requestTimeout;
    private readonly bool _expandGroupsOnWire;
    private readonly string _pathPrefix;

    /// <summary>A client with its own connection pool built from <paramref name="config"/> (TLS, client certificate).</summary>
    public KubernetesClient(KubernetesConfig config, KubernetesOptions? options = null, ILogger<KubernetesClient>? logger = null, TimeProvider? timeProvider = null)
        : this(config, KubernetesHttpHandler.Create(config ?? throw new ArgumentNullException(nameof(config))), options, logger, timeProvider, expandGroupsOnWire: true)
    {
    }

    /// <summary>
    /// A client sending through <paramref name="handler"/> (tests; TLS settings of the config are then the handler's business).
    /// Several impersonated groups appear as several values of <c>Impersonate-Group</c> on the request.
    /// </summary>
    public KubernetesClient(KubernetesConfig config, HttpMessageHandler handler, KubernetesOptions? options = null, ILogger<KubernetesClient>? logger = null, TimeProvider? timeProvider = null)
        : this(config, handler, options, logger, timeProvider, expandGroupsOnWire: false)
    {
    }

    private KubernetesClient(KubernetesConfig config, HttpMessageHandler handler, KubernetesOptions? options, ILogger<KubernetesClient>? logger, TimeProvider? timeProvider, bool expandGroupsOnWire)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(handler);
        Config = config;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _requestTimeout = options?.RequestTimeout ?? TimeSpan.FromSeconds(30);
        _expandGroupsOnWire = expandGroupsOnWire;
        _pathPrefix = config.Server.AbsolutePath.TrimEnd('/'); // servers behind a proxy path, e.g. https://host/k8s/clusters/c1
        _tokens = new BearerTokenSource(config.Token, config.TokenFile, _time);
        if (config.Username is not null && config.Token is null && config.TokenFile is null)
        {
            _basic = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{config.Username}:{config.Password}")));
        }
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = config.Server,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("hikube-portal", "1.0"));
    }

    /// <summary>The cluster and identity this client uses.</summary>
    public KubernetesConfig Config { get; }

    /// <inheritdoc />
    public string DefaultNamespace => Config.Namespace;

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Sends one request and hands the successful response to <paramref name="read"/>, all within the call's
    /// timeout (for watches: only until the response headers). Maps failures to typed exceptions.
    /// </summary>
    private async Task<TResult> SendAsync<TResult>(
        HttpMethod method, string pathAndQuery, Func<HttpContent?>? content, RequestOptions? options,
        Operation operation, Func<HttpResponseMessage, CancellationToken, Task<TResult>> read,
        bool streaming, CancellationToken cancellationToken)
    {
        var timeout = options?.Timeout ?? _requestTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var token = linked.Token;
        var started = _time.GetTimestamp();
        var refreshed = false;
        while (true)
        {
            HttpResponseMessage? response = null;
            try
            {
                using var request = new HttpRequestMessage(method, _pathPrefix + pathAndQuery) { Content = content?.Invoke() };
                await AuthorizeAsync(request, refreshed, token);
                ApplyImpersonation(request, options?.Impersonate);
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
                var elapsedMs = _time.GetElapsedTime(started).TotalMilliseconds;
                LogResponse(method.Method, operation.Path, (int)response.StatusCode, elapsedMs);

                if (response.StatusCode == HttpStatusCode.Unauthorized && _tokens.CanRefresh && !refreshed)
                {
                    refreshed = true; // the token file may have rotated: read it again and retry once
                    response.Dispose();
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(token);
                    throw KubernetesErrors.FromResponse(response.StatusCode, body, operation.Describe(), operation.Sensitive);
                }
                if (streaming)
                {
                    timeoutSource.CancelAfter(Timeout.InfiniteTimeSpan);
                    var streamed = await read(response, cancellationToken);
                    response = null; // the reader owns it now
                    return streamed;
                }
                return await read(response, token);
            }
            catch (OperationCanceledException ex) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new KubernetesUnavailableException($"{operation.Describe()}: no answer within {timeout.TotalSeconds:0.#} s", ex);
            }
            catch (HttpRequestException ex)
            {
                throw new KubernetesUnavailableException($"{operation.Describe()}: cannot reach the apiserver {Config.Server} ({ex.HttpRequestError})", ex);
            }
            catch (IOException ex)
            {
                throw new KubernetesUnavailableException($"{operation.Describe()}: connection to the apiserver failed ({ex.GetType().Name})", ex);
            }
            catch (JsonException ex)
            {
                throw new KubernetesException($"{operation.Describe()}: the apiserver's answer is not the expected JSON", ex);
            }
            finally
            {
                response?.Dispose();
            }
        }
    }

    private async ValueTask AuthorizeAsync(HttpRequestMessage request, bool refresh, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(refresh, cancellationToken);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (_basic is not null)
        {
            request.Headers.Authorization = _basic;
        }
    }

    private void ApplyImpersonation(HttpRequestMessage request, Impersonation? impersonation)
    {
        if (impersonation is null)
        {
            return;
        }
        CheckHeaderValue(impersonation.User, "user");
        request.Headers.TryAddWithoutValidation("Impersonate-User", impersonation.User);
        var groups = impersonation.Groups ?? [];
        foreach (var group in groups)
        {
            CheckHeaderValue(group, "group");
        }
        if (groups.Count == 1 || (groups.Count > 1 && !_expandGroupsOnWire))
        {
            request.Headers.TryAddWithoutValidation("Impersonate-Group", groups);
        }
        else if (groups.Count > 1)
        {
            request.Headers.TryAddWithoutValidation(ImpersonationHeaderStream.GroupListHeader, ImpersonationHeaderStream.Encode(groups));
        }
    }

    private static void CheckHeaderValue(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl))
        {
            throw new ArgumentException($"impersonated {what} must be non-empty and free of control characters", nameof(value));
        }
    }

    /// <summary>What a call is about, for messages: verb, resource, namespace/name. Never a body.</summary>
    private readonly record struct Operation(string Verb, ResourceType Type, string? Namespace, string? Name, string Path)
    {
        public bool Sensitive => Type.IsSensitive;

        public string Describe() =>
            $"{Verb} {Type}{(Namespace is null && Name is null ? "" : " ")}{(Namespace is null ? "" : Namespace + "/")}{Name}";
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Kubernetes {Method} {Path} -> {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogResponse(string method, string path, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes watch {Path} interrupted ({Reason}); resuming from resourceVersion {ResourceVersion} in {DelayMs} ms")]
    private partial void LogWatchResume(string path, string reason, string? resourceVersion, long delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kubernetes informer {Resource}: resourceVersion expired, listing again")]
    private partial void LogRelist(string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kubernetes informer {Resource}: list failed ({Reason}); retrying in {DelayMs} ms")]
    private partial void LogListRetry(string resource, string reason, long delayMs);
}
