using System.Security.Cryptography;
using System.Runtime.Versioning;
using TargetSalesforce.Cli;
using TargetSalesforce.Configuration;
using TargetSalesforce.Destination;
using TargetSalesforce.Salesforce.Auth;

namespace TargetSalesforce.Tests.Cli;

/// <summary>What only the key file or Salesforce's rules can tell, checked before any input is read.</summary>
// File modes are what these tests check: POSIX only.
[UnsupportedOSPlatform("windows")]
public class LoginSetupTests
{
    private string folder = null!;

    [SetUp]
    public void MakeFolder() => folder = Directory.CreateTempSubdirectory("login-setup-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    private static TargetSettings Jwt(string? key = null, string? file = null) => new()
    {
        Domain = "acme.my", Action = LoadAction.Insert, AuthFlow = AuthFlow.Jwt,
        ClientId = "consumer-key", Username = "etl@acme.test", PrivateKey = key, PrivateKeyFile = file,
    };

    private string KeyFile(string pem, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var path = Path.Combine(folder, "jwt.key");
        File.WriteAllText(path, pem);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static string NewKey()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    [Test]
    public void A_private_key_file_readable_by_its_owner_alone_is_read_without_a_warning()
    {
        var result = LoginSetup.Build(Jwt(file: "jwt.key"), folder);
        Assert.That(result.Problems.Single().ToString(), Is.EqualTo("config: private_key_file: jwt.key: no such file"));

        KeyFile(NewKey());
        result = LoginSetup.Build(Jwt(file: "jwt.key"), folder);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Warnings, Is.Empty);
        Assert.That(result.Credentials, Is.TypeOf<JwtBearerLogin>());
        Assert.That(result.Credentials!.Secrets, Is.Not.Empty);
    }

    [Test]
    public void A_key_file_others_can_read_is_used_with_a_warning()
    {
        KeyFile(NewKey(), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = LoginSetup.Build(Jwt(file: "jwt.key"), folder);

        Assert.That(result.Credentials, Is.Not.Null);
        Assert.That(result.Warnings.Single(), Does.Contain("can be read by other users").And.Contain("chmod 600 jwt.key"));
    }

    [Test]
    public void A_key_file_that_cannot_be_read_is_a_config_problem()
    {
        Directory.CreateDirectory(Path.Combine(folder, "a-folder.key"));

        var result = LoginSetup.Build(Jwt(file: "a-folder.key"), folder);

        Assert.That(result.Credentials, Is.Null);
        Assert.That(result.Problems.Single().ToString(), Does.StartWith("config: private_key_file: a-folder.key: cannot be read"));
    }

    [Test]
    public void A_bad_key_is_named_by_its_setting_and_never_quoted()
    {
        using var curve = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ec = curve.ExportPkcs8PrivateKeyPem();
        KeyFile(ec);

        var fromFile = LoginSetup.Build(Jwt(file: "jwt.key"), folder).Problems.Single().ToString();
        var inline = LoginSetup.Build(Jwt(key: "garbage that is no key"), folder).Problems.Single().ToString();

        Assert.That(fromFile, Does.StartWith("config: private_key_file: jwt.key is not an RSA private key"));
        Assert.That(inline, Does.StartWith("config: private_key: is not a PEM private key"));
        Assert.That(fromFile + inline, Does.Not.Contain(ec.Split('\n')[1]).And.Not.Contain("garbage"));
    }

    [TestCase("65.0")]
    [TestCase("66.0")]
    public void Password_login_past_api_64_is_refused_saying_what_to_use_instead(string version)
    {
        var settings = new TargetSettings
        {
            Domain = "login", Action = LoadAction.Insert, AuthFlow = AuthFlow.Password, Username = "u", Password = "p", ApiVersion = version,
        };

        var problem = LoginSetup.Build(settings, folder).Problems.Single();

        Assert.That(problem.Key, Is.EqualTo("api_version"));
        Assert.That(problem.Message, Does.Contain("64.0").And.Contain("auth_flow jwt or client_credentials").And.Contain("target-salesforce login"));
    }

    [Test]
    public void Password_login_at_api_64_is_still_offered()
    {
        var settings = new TargetSettings { Domain = "login", Action = LoadAction.Insert, AuthFlow = AuthFlow.Password, Username = "u", Password = "p" };

        Assert.That(LoginSetup.Build(settings, folder).Credentials, Is.TypeOf<PasswordLogin>());
    }

    [TestCase("login", "login.salesforce.com")]
    [TestCase("test", "test.salesforce.com")]
    [TestCase("https://login.salesforce.com", "login.salesforce.com")]
    public void Client_credentials_on_a_shared_login_host_are_refused(string domain, string host)
    {
        var settings = new TargetSettings
        {
            Domain = domain, Action = LoadAction.Insert, AuthFlow = AuthFlow.ClientCredentials, ClientId = "c", ClientSecret = "s",
        };

        var problem = LoginSetup.Build(settings, folder).Problems.Single();

        Assert.That(problem.Key, Is.EqualTo("domain"));
        Assert.That(problem.Message, Does.Contain(host).And.Contain("My Domain"));
    }

    [Test]
    public void Client_credentials_on_a_my_domain_are_taken()
    {
        var settings = new TargetSettings
        {
            Domain = "acme.my", Action = LoadAction.Insert, AuthFlow = AuthFlow.ClientCredentials, ClientId = "c", ClientSecret = "s",
        };

        Assert.That(LoginSetup.Build(settings, folder).Credentials, Is.TypeOf<ClientCredentialsLogin>());
    }

    [TestCase("acme.my.salesforce.com", "is not an http(s) URL")]
    [TestCase("http://acme.my.salesforce.com", "Refusing plain http")]
    public void An_instance_url_a_token_may_not_travel_to_is_refused(string url, string reason)
    {
        var settings = new TargetSettings
        {
            Domain = "acme.my", Action = LoadAction.Insert, AuthFlow = AuthFlow.AccessToken, AccessToken = "00D!tok", InstanceUrl = url,
        };

        var problem = LoginSetup.Build(settings, folder).Problems.Single();

        Assert.That(problem.Key, Is.EqualTo("instance_url"));
        Assert.That(problem.Message, Does.Contain(reason).And.Not.Contain("00D!tok"));
    }

    [Test]
    public void A_token_handed_in_keeps_its_instance_without_the_trailing_slash()
    {
        var settings = new TargetSettings
        {
            Domain = "acme.my", Action = LoadAction.Insert, AuthFlow = AuthFlow.AccessToken, AccessToken = "00D!tok", InstanceUrl = "https://acme.my.salesforce.com/",
        };

        var login = (GivenAccessTokenLogin)LoginSetup.Build(settings, folder).Credentials!;

        Assert.That(login.InstanceUrl.ToString(), Is.EqualTo("https://acme.my.salesforce.com/"));
        Assert.That(login.Secrets, Is.EqualTo(new[] { "00D!tok" }));
    }

    [Test]
    public void Settings_built_in_code_without_a_flow_log_in_as_before_it_existed()
    {
        var oauth = LoginSetup.Build(
            new TargetSettings { Domain = "login", Action = LoadAction.Insert, ClientId = "id", ClientSecret = "secret", RefreshToken = "token" }, folder);
        var password = LoginSetup.Build(
            new TargetSettings { Domain = "login", Action = LoadAction.Insert, ClientId = "id", Username = "u@example.com", Password = "pw-1234" }, folder);
        var neither = LoginSetup.Build(new TargetSettings { Domain = "login", Action = LoadAction.Insert, ClientId = "id" }, folder);

        Assert.That(oauth.Credentials, Is.TypeOf<RefreshTokenLogin>());
        Assert.That(password.Credentials, Is.TypeOf<PasswordLogin>());
        Assert.That(neither.Credentials, Is.Null);
        Assert.That(neither.Problems.Single().ToString(), Does.Contain("client_id, client_secret and refresh_token, or username and password"));
    }
}
