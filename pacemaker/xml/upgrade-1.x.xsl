<?xml version="1.0" encoding="UTF-8"?>
<!--
  Upgrade of a pacemaker-1.x CIB (and of the still older syntax some 1.x
  CIBs carry) to the 3.x syntax; also run on a 2.x CIB that still holds
  what 3.0 removed.  Everything not named below is copied unchanged; the
  caller sets validate-with and validates the result.

  What changes:
  - cluster properties written with underscores get their dashed names;
    transition_idle_timeout became cluster-delay;
  - cluster-wide defaults that became resource or operation defaults move
    to rsc_defaults / op_defaults as meta attributes;
  - cluster properties nothing reads any more are dropped;
  - nodes of type "normal" become "member";
  - rsc_colocation from/to/from_role/to_role become rsc/with-rsc/rsc-role/
    with-rsc-role; rsc_order from/to/action/to_action/type become first/
    then/first-action/then-action (type="after", the old default, means the
    "from" resource is ordered after the "to" one);
  - what an operation requires (requires, or the older prereq) is read
    from the resource now: it moves to the resource's meta attributes,
    taken from the start operation when several say it; op disabled
    becomes enabled;
  - ACLs: acl_user becomes acl_target with role references, and the
    read/write/deny elements become acl_permission of that kind (a user
    holding permissions itself gets a role of its own, "<id>-permissions").
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- Properties that now belong to the defaults of resources or ops. -->
  <xsl:variable name="rsc-moved"
    select="'|default-resource-stickiness|default_resource_stickiness|is-managed-default|is_managed_default|'"/>
  <xsl:variable name="op-moved"
    select="'|default-action-timeout|default_action_timeout|'"/>

  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>

  <!-- Cluster properties -->
  <xsl:template match="cluster_property_set/nvpair/@name">
    <xsl:attribute name="name">
      <xsl:choose>
        <xsl:when test=". = 'transition_idle_timeout'">cluster-delay</xsl:when>
        <xsl:otherwise><xsl:value-of select="translate(., '_', '-')"/></xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
  </xsl:template>

  <!-- (XSLT 1.0 allows no variables in patterns: the lists again.) -->
  <xsl:template match="cluster_property_set/nvpair[contains(
      '|default-resource-stickiness|default_resource_stickiness|is-managed-default|is_managed_default|default-action-timeout|default_action_timeout|',
      concat('|', @name, '|'))]"/>

  <!-- Properties nothing reads any more: corosync tracks quorum, alerts
     replaced the notification agent, migration-threshold (a resource
     default) the cluster-wide failure settings, and the stacks before
     corosync 2 are gone. -->
  <xsl:template match="cluster_property_set/nvpair[contains(
      '|default-migration-threshold|default_migration_threshold|default-resource-failure-stickiness|default_resource_failure_stickiness|expected-quorum-votes|notification-agent|notification-recipient|',
      concat('|', @name, '|'))]"/>
  <xsl:template match="cluster_property_set/nvpair[@name = 'cluster-infrastructure'][contains(
      '|heartbeat|openais|classic openais|classic openais (with plugin)|cman|',
      concat('|', @value, '|'))]"/>

  <!-- The name a moved property has among the defaults. -->
  <xsl:template name="default-name">
    <xsl:param name="old"/>
    <xsl:choose>
      <xsl:when test="contains($op-moved, concat('|', $old, '|'))">timeout</xsl:when>
      <xsl:when test="starts-with(translate($old, '_', '-'), 'is-managed')">is-managed</xsl:when>
      <xsl:otherwise>resource-stickiness</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A meta_attributes set holding the properties of @moved. -->
  <xsl:template name="moved-set">
    <xsl:param name="moved"/>
    <xsl:param name="suffix"/>
    <xsl:variable name="pairs"
      select="/cib/configuration/crm_config/cluster_property_set/nvpair[contains($moved, concat('|', @name, '|'))]"/>
    <xsl:if test="$pairs">
      <meta_attributes id="{$pairs[1]/../@id}-{$suffix}">
        <xsl:for-each select="$pairs">
          <nvpair id="{@id}">
            <xsl:attribute name="name">
              <xsl:call-template name="default-name">
                <xsl:with-param name="old" select="@name"/>
              </xsl:call-template>
            </xsl:attribute>
            <xsl:copy-of select="@value"/>
          </nvpair>
        </xsl:for-each>
      </meta_attributes>
    </xsl:if>
  </xsl:template>

  <xsl:template match="rsc_defaults">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
      <xsl:call-template name="moved-set">
        <xsl:with-param name="moved" select="$rsc-moved"/>
        <xsl:with-param name="suffix" select="'rsc-defaults'"/>
      </xsl:call-template>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="op_defaults">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
      <xsl:call-template name="moved-set">
        <xsl:with-param name="moved" select="$op-moved"/>
        <xsl:with-param name="suffix" select="'op-defaults'"/>
      </xsl:call-template>
    </xsl:copy>
  </xsl:template>

  <!-- Create the defaults sections the moved properties need. -->
  <xsl:template match="configuration">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
      <xsl:if test="not(rsc_defaults) and crm_config/cluster_property_set/nvpair[contains($rsc-moved, concat('|', @name, '|'))]">
        <rsc_defaults>
          <xsl:call-template name="moved-set">
            <xsl:with-param name="moved" select="$rsc-moved"/>
            <xsl:with-param name="suffix" select="'rsc-defaults'"/>
          </xsl:call-template>
        </rsc_defaults>
      </xsl:if>
      <xsl:if test="not(op_defaults) and crm_config/cluster_property_set/nvpair[contains($op-moved, concat('|', @name, '|'))]">
        <op_defaults>
          <xsl:call-template name="moved-set">
            <xsl:with-param name="moved" select="$op-moved"/>
            <xsl:with-param name="suffix" select="'op-defaults'"/>
          </xsl:call-template>
        </op_defaults>
      </xsl:if>
    </xsl:copy>
  </xsl:template>

  <!-- Nodes -->
  <xsl:template match="node/@type[. = 'normal']">
    <xsl:attribute name="type">member</xsl:attribute>
  </xsl:template>

  <!-- Constraints -->
  <xsl:template match="rsc_colocation/@from"><xsl:attribute name="rsc"><xsl:value-of select="."/></xsl:attribute></xsl:template>
  <xsl:template match="rsc_colocation/@to"><xsl:attribute name="with-rsc"><xsl:value-of select="."/></xsl:attribute></xsl:template>
  <xsl:template match="rsc_colocation/@from_role"><xsl:attribute name="rsc-role"><xsl:value-of select="."/></xsl:attribute></xsl:template>
  <xsl:template match="rsc_colocation/@to_role"><xsl:attribute name="with-rsc-role"><xsl:value-of select="."/></xsl:attribute></xsl:template>

  <xsl:template match="rsc_order[@from and @to]">
    <xsl:variable name="after" select="not(@type = 'before')"/>
    <xsl:copy>
      <xsl:apply-templates select="@*[not(contains('|from|to|action|to_action|type|', concat('|', name(), '|')))]"/>
      <xsl:choose>
        <xsl:when test="$after">
          <xsl:attribute name="first"><xsl:value-of select="@to"/></xsl:attribute>
          <xsl:attribute name="then"><xsl:value-of select="@from"/></xsl:attribute>
          <xsl:if test="@to_action"><xsl:attribute name="first-action"><xsl:value-of select="@to_action"/></xsl:attribute></xsl:if>
          <xsl:if test="@action"><xsl:attribute name="then-action"><xsl:value-of select="@action"/></xsl:attribute></xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="first"><xsl:value-of select="@from"/></xsl:attribute>
          <xsl:attribute name="then"><xsl:value-of select="@to"/></xsl:attribute>
          <xsl:if test="@action"><xsl:attribute name="first-action"><xsl:value-of select="@action"/></xsl:attribute></xsl:if>
          <xsl:if test="@to_action"><xsl:attribute name="then-action"><xsl:value-of select="@to_action"/></xsl:attribute></xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <!-- Operations -->
  <xsl:template match="op/@prereq|op/@requires"/>

  <xsl:template match="primitive[operations/op[@requires or @prereq]]">
    <xsl:variable name="op"
      select="(operations/op[@name = 'start'][@requires or @prereq] | operations/op[@requires or @prereq])[1]"/>
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
      <meta_attributes id="{@id}-upgraded-meta">
        <nvpair id="{@id}-upgraded-meta-requires" name="requires" value="{$op/@requires | $op/@prereq}"/>
      </meta_attributes>
    </xsl:copy>
  </xsl:template>
  <xsl:template match="op/@disabled">
    <xsl:attribute name="enabled">
      <xsl:choose>
        <xsl:when test="contains('|true|yes|on|1|', concat('|', ., '|'))">false</xsl:when>
        <xsl:otherwise>true</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
  </xsl:template>

  <!-- ACLs -->
  <xsl:template match="acl_user">
    <acl_target id="{@id}">
      <xsl:for-each select="role_ref"><role id="{@id}"/></xsl:for-each>
      <xsl:if test="read|write|deny"><role id="{@id}-permissions"/></xsl:if>
    </acl_target>
  </xsl:template>

  <xsl:template match="acls">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
      <xsl:for-each select="acl_user[read|write|deny]">
        <acl_role id="{@id}-permissions">
          <xsl:apply-templates select="read|write|deny"/>
        </acl_role>
      </xsl:for-each>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="acls//read|acls//write|acls//deny">
    <acl_permission id="{@id}" kind="{local-name()}">
      <xsl:choose>
        <xsl:when test="@ref"><xsl:attribute name="reference"><xsl:value-of select="@ref"/></xsl:attribute></xsl:when>
        <xsl:when test="@tag">
          <xsl:attribute name="object-type"><xsl:value-of select="@tag"/></xsl:attribute>
          <xsl:copy-of select="@attribute"/>
        </xsl:when>
        <xsl:when test="@attribute">
          <xsl:attribute name="xpath"><xsl:value-of select="concat(@xpath, '[@', @attribute, ']')"/></xsl:attribute>
        </xsl:when>
        <xsl:otherwise><xsl:copy-of select="@xpath"/></xsl:otherwise>
      </xsl:choose>
    </acl_permission>
  </xsl:template>
</xsl:stylesheet>
