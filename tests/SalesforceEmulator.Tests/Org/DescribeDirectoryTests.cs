using System.Text.Json;
using SalesforceEmulator.Hosting;
using SalesforceEmulator.Org;
using SalesforceEmulator.Tests.Support;

namespace SalesforceEmulator.Tests.Org;

/// <summary>
/// `--describe-dir`: an org's own schema from describe files (here a hand-made pair: Account as `sf sobject describe
/// --json` writes it, Project__c as the REST describe answers it).
/// </summary>
public sealed class DescribeDirectoryTests : EmulatorFixture
{
    private static readonly string Files = Path.Combine(AppContext.BaseDirectory, "Org", "DescribeFiles");

    protected override EmulatorOptions CreateOptions() => new() { DescribeDirectory = Files };

    private async Task<Dictionary<string, JsonElement>> FieldsAsync(string objectName) =>
        (await GetJson($"{V}/sobjects/{objectName}/describe")).GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!);

    [Test]
    public async Task A_described_object_replaces_the_built_in_one()
    {
        var fields = await FieldsAsync("Account");

        Assert.That(fields.Keys, Does.Contain("Region__c").And.Contain("Legacy_Id__c").And.Not.Contain("External_Id__c"));
        Assert.That(fields["Region__c"].GetProperty("restrictedPicklist").GetBoolean(), Is.True);
        Assert.That(fields["BillingAddress"].GetProperty("type").GetString(), Is.EqualTo("address"));
        Assert.That(fields["BillingCity"].GetProperty("compoundFieldName").GetString(), Is.EqualTo("BillingAddress"));
        Assert.That(fields["CreatedById"].GetProperty("createable").GetBoolean(), Is.False);
    }

    [Test]
    public async Task A_described_object_the_org_lacks_joins_it_with_its_key_prefix()
    {
        var describe = await GetJson($"{V}/sobjects/Project__c/describe");
        var fields = await FieldsAsync("Project__c");

        Assert.That(describe.GetProperty("keyPrefix").GetString(), Is.EqualTo("a0P"));
        Assert.That(fields["Sponsor__c"].GetProperty("polymorphicForeignKey").GetBoolean(), Is.True);
        Assert.That(fields["Sponsor__c"].GetProperty("referenceTo").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "Contact", "Lead" }));
        Assert.That(fields["Site__c"].GetProperty("type").GetString(), Is.EqualTo("location"));
        Assert.That(fields["Site__Latitude__s"].GetProperty("compoundFieldName").GetString(), Is.EqualTo("Site__c"));
    }

    [Test]
    public async Task Types_the_emulator_lacks_become_the_nearest_it_checks()
    {
        var account = await FieldsAsync("Account");
        var project = await FieldsAsync("Project__c");

        Assert.That(account["Logo__c"].GetProperty("type").GetString(), Is.EqualTo("textarea"), "base64");
        Assert.That(account["Opens_At__c"].GetProperty("type").GetString(), Is.EqualTo("string"), "time");
        Assert.That(project["Hours__c"].GetProperty("type").GetString(), Is.EqualTo("double"), "long");
    }

    [Test]
    public async Task Rows_load_against_the_described_fields()
    {
        var accounts = await RunJobAsync("Account", "insert", "Name,Region__c,Legacy_Id__c\nAcme,EMEA,L-1\nBad,Mars,L-2\n");
        var projects = await RunJobAsync("Project__c", "insert", "Name,Account__r.Legacy_Id__c,Budget__c\nRoll-out,L-1,1200.5\n");
        var project = (await QueryAsync("SELECT Account__c, Budget__c FROM Project__c")).Single();
        var acme = (await QueryAsync("SELECT Id, OwnerId FROM Account WHERE Legacy_Id__c = 'L-1'")).Single();

        Assert.That((accounts.Failed, projects.Failed), Is.EqualTo((1L, 0L)), "Mars is not a Region__c value");
        Assert.That(project["Account__c"].GetString(), Is.EqualTo(acme["Id"].GetString()));
        Assert.That(acme["OwnerId"].GetString(), Is.EqualTo("005000000000001AAA"));
    }

    [Test]
    public async Task The_parent_describe_names_its_children()
    {
        var children = (await GetJson($"{V}/sobjects/Account/describe")).GetProperty("childRelationships").EnumerateArray()
            .Select(c => (c.GetProperty("childSObject").GetString(), c.GetProperty("relationshipName").GetString())).ToList();

        Assert.That(children, Does.Contain(("Project__c", "Projects__r")).And.Contain(("Account", "ChildAccounts")));
    }

    [Test]
    public async Task The_built_in_users_and_record_types_stay()
    {
        var users = await QueryAsync("SELECT Username FROM User");
        var types = await QueryAsync("SELECT DeveloperName FROM RecordType WHERE SobjectType = 'Account'");

        Assert.That(users, Has.Count.EqualTo(2));
        Assert.That(types, Has.Count.EqualTo(2));
    }
}

/// <summary>Describe files that cannot be used stop the start with a message naming the file.</summary>
public sealed class DescribeDirectoryErrorTests
{
    private string directory = "";

    [SetUp]
    public void MakeDirectory() => directory = Directory.CreateTempSubdirectory("describe-dir-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(directory, recursive: true);

    private InvalidDataException? LoadFails(string fileName, string json)
    {
        File.WriteAllText(Path.Combine(directory, fileName), json);
        return Assert.Throws<InvalidDataException>(() => OrgStore.Load(new EmulatorOptions { DescribeDirectory = directory }));
    }

    [Test]
    public void Malformed_JSON_names_the_file()
    {
        var error = LoadFails("Broken.json", """{"name":"Broken__c","fields":[""");

        Assert.That(error!.Message, Does.StartWith($"Describe file {Path.Combine(directory, "Broken.json")} is not valid JSON"));
    }

    [TestCase("""{"fields":[]}""", "the describe has no \"name\"")]
    [TestCase("""{"name":"Thing__c"}""", "object Thing__c has no \"fields\" array")]
    [TestCase("""{"name":"Thing__c","fields":[]}""", "object Thing__c has no keyPrefix, and the org has no object of that name to take one from")]
    [TestCase("""{"status":1,"name":"NOT_FOUND","message":"The requested resource does not exist","result":null}""", "the sf CLI reported status 1: The requested resource does not exist")]
    [TestCase("""{"name":"Thing__c","keyPrefix":"a0T","fields":[{"name":"A__c","type":"string"},{"name":"a__c","type":"string"}]}""", "object Thing__c lists field a__c twice")]
    [TestCase("""{"name":"Thing__c","keyPrefix":"a0T","fields":[{"name":"A__c"}]}""", "Thing__c field 1 (A__c): has no \"type\"")]
    public void An_unusable_describe_names_the_file_and_the_problem(string json, string problem)
    {
        var error = LoadFails("Thing__c.json", json);

        Assert.That(error!.Message, Does.StartWith($"Describe file {Path.Combine(directory, "Thing__c.json")}: "));
        Assert.That(error.Message, Does.Contain(problem));
    }

    [Test]
    public void The_command_line_refuses_a_directory_that_does_not_exist()
    {
        var parsed = EmulatorCommandLine.Parse(["--describe-dir", Path.Combine(directory, "missing")]);

        Assert.That(parsed.Error, Does.Contain("--describe-dir: directory").And.Contain("does not exist"));
    }
}
